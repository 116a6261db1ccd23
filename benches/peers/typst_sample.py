#!/usr/bin/env python3
"""Typesets the sample book with typst (PyPI `typst`), for a side-by-side look
at quire's PDF: same text, trim size, typeface, size and leading.

    cargo run -q -- model | python3 benches/peers/typst_sample.py out/typst.pdf

Prints the compile time (best of 5). Not part of the test suite."""
import json, sys, time, typst, tempfile, os

book = json.load(sys.stdin)
out = sys.argv[1] if len(sys.argv) > 1 else "out/typst.pdf"

def esc(s):
    for c in "\\#*_`$<>@[]~/=-+\"'":
        s = s.replace(c, "\\" + c)
    return s

def inl(inlines):
    r = []
    for i in inlines:
        t = i["type"]
        if t == "text": r.append(esc(i["text"]))
        elif t == "emphasis": r.append("#emph[" + inl(i["content"]) + "]")
        elif t == "strong": r.append("#strong[" + inl(i["content"]) + "]")
        elif t == "link" and i["target"]["type"] == "external":
            r.append('#link("' + i["target"]["url"] + '")[' + inl(i["content"]) + "]")
        elif t == "link": r.append(inl(i["content"]))
        elif t == "hard-break": r.append(" \\\n")
        elif t == "code": r.append("#raw(" + json.dumps(i["code"]) + ")")
    return "".join(r)

def blocks(bs):
    r = []
    for b in bs:
        t = b["type"]
        if t == "paragraph": r.append(inl(b["content"]))
        elif t == "heading": r.append("=" * b["level"] + " " + inl(b["content"]))
        elif t == "list": r.append("\n".join("- " + blocks(it).replace("\n\n", " ") for it in b["items"]))
    return "\n\n".join(r)

m = book["metadata"]
doc = [f'''#set document(title: {json.dumps(m["title"])}, author: ({", ".join(json.dumps(a) for a in m["authors"])},))
#set page(width: 6in, height: 9in, margin: (inside: 0.75in, outside: 0.85in, top: 0.8in, bottom: 0.9in),
  numbering: "1", header: context {{ if calc.even(here().page()) [#smallcaps[{esc(m["title"])}]] }})
#set text(font: "Charis SIL", size: 10.5pt, lang: "{m["language"][:2]}", hyphenate: true)
#set par(justify: true, leading: 0.62em, first-line-indent: 1.2em, spacing: 0.62em)
#show heading.where(level: 1): it => {{ pagebreak(to: "odd", weak: true); v(1.2in); align(center, text(size: 16pt, weight: "regular", it.body)); v(0.4in) }}
#align(center + horizon)[#text(size: 22pt)[{esc(m["title"])}]]
#pagebreak()
#outline(depth: 1)
''']
for part in book["front_matter"] + book["chapters"] + book["appendices"]:
    doc.append("= " + inl(part["title"]) + "\n\n" + blocks(part["blocks"]))
src = "\n\n".join(doc)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "book.typ")
    open(path, "w").write(src)
    best = None
    for _ in range(5):
        t0 = time.perf_counter()
        pdf = typst.compile(path, font_paths=[os.path.abspath("fonts")])
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    open(out, "wb").write(pdf)
print(f"typst {typst.__version__}: {out}, best of 5: {best*1000:.0f} ms")
