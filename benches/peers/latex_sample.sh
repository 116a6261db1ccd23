#!/usr/bin/env bash
# Typesets the sample's chapters with XeLaTeX (Debian: pandoc, texlive-xetex)
# on quire's page geometry (6 x 9 in, inner 54 pt, outer 64.8 pt, Charis SIL
# 10.5/13.5 pt), for a side-by-side look at quire's PDF. Not part of the tests.
#   bash benches/peers/latex_sample.sh out/latex   # writes out/latex/book.pdf
set -euo pipefail
out=$(realpath -m "${1:-out/latex}")
mkdir -p "$out"
cat > "$out/header.tex" <<'TEX'
\usepackage{fontspec}
\setmainfont{Charis SIL}[Path=FONTS/, Extension=.ttf, UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold, BoldItalicFont=*-BoldItalic]
\usepackage[paperwidth=6in,paperheight=9in,inner=54pt,outer=64.8pt,top=58.3pt,bottom=74.5pt,twoside]{geometry}
\usepackage{polyglossia}
\setdefaultlanguage{english}
\AtBeginDocument{\fontsize{10.5}{13.5}\selectfont}
\renewcommand{\section}[1]{\cleardoublepage\vspace*{1in}\begin{center}\Large #1\end{center}\vspace{0.4in}}
TEX
sed -i "s|FONTS|$(realpath fonts)|; s|Charis SIL}\[|CharisSIL}[|" "$out/header.tex"
(cd manuscript && pandoc -s -o "$out/book.tex" --include-in-header="$out/header.tex" -V documentclass=book [0-9]*.md)
(cd "$out" && xelatex -interaction=nonstopmode book.tex >/dev/null && pdfinfo book.pdf | grep Pages)
