#!/usr/bin/env python3
"""Makes quire's Greek face: Gentium Plus 6.101 (SIL International, OFL 1.1)
cut down to Greek, Greek Extended, the combining diacritics and the
punctuation Greek text sets with, in its four styles, renamed "Quire Greek".

The OFL reserves the names "Gentium" and "SIL": a modified version (a subset
is one) may not carry them, hence the new family name. The licence and the
copyright notice stay in the fonts (name table) and in fonts/OFL-GentiumPlus.txt.

Reproducible: the same source files and fontTools version give the same
bytes (no timestamps are recalculated). Run from the repository's root:

    python3 -m pip install fonttools==4.55.3
    python3 scripts/greek-face.py [/usr/share/fonts/truetype/gentiumplus]

The source folder is Debian's fonts-sil-gentiumplus (6.101-1) by default.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Quire Greek"
STYLES = {
    "Regular": "Regular",
    "Italic": "Italic",
    "Bold": "Bold",
    "BoldItalic": "Bold Italic",
}
# Greek and Coptic, Greek Extended, combining diacritics, and what Greek
# text is set with beside its letters: space and ASCII punctuation and
# digits, no-break space, guillemets, middle dot, modifier apostrophe,
# dashes, quotation marks, ellipsis.
UNICODES = (
    [0x20, 0xA0, 0xAB, 0xB7, 0xBB, 0x2BC, 0x2BD]
    + list(range(0x21, 0x41))
    + list(range(0x5B, 0x61))
    + list(range(0x7B, 0x7F))
    + list(range(0x300, 0x370))
    + list(range(0x370, 0x400))
    + list(range(0x1F00, 0x2000))
    + list(range(0x2010, 0x2027))
)


def make(source: Path, style: str, out: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # keep every feature (mark positioning, ligatures)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = True
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    rename(font, STYLES[style])
    font.save(out)


def rename(font: TTFont, style: str) -> None:
    """Replaces the reserved names in the naming table (family, full and
    PostScript names, unique id) with the new family's."""
    postscript = FAMILY.replace(" ", "") + "-" + style.replace(" ", "")
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    new = {
        1: FAMILY,
        3: f"quire: {postscript} 6.101",
        4: full,
        6: postscript,
        16: FAMILY,
        17: style,
        21: FAMILY,
        22: style,
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in new:
            table.setName(new[record.nameID], record.nameID, record.platformID,
                          record.platEncID, record.langID)
        elif record.nameID in (18, 20, 25):
            table.removeNames(nameID=record.nameID)
    for record in table.names:
        text = record.toUnicode()
        if record.nameID not in (0, 7, 8, 9, 10, 11, 12, 13, 14) and (
                "Gentium" in text or "SIL" in text):
            raise SystemExit(f"a reserved name is left in name {record.nameID}: {text}")


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/gentiumplus")
    out = Path(__file__).resolve().parent.parent / "fonts"
    for style in STYLES:
        target = out / f"QuireGreek-{style}.ttf"
        make(source / f"GentiumPlus-{style}.ttf", style, target)
        print(f"{target.name}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
