#!/usr/bin/env python3
"""The peer in benches/print.rs: Typst (the `typst` package from PyPI) lays out the appeal as an
ad with the same names, layout and fonts as ours: US Letter, 15 mm margins, "page X of N" at the
foot, a bold 26 pt title, an 11 pt body, then every name at 9 pt (line height 1.25) in three
columns 6 mm apart, ending with a bold 10 pt line.

    typst_appeal.py NAMES_FILE OUT_PDF FONT_DIR [FONT_DIR...]

Prints one line of JSON: the compile's wall time in seconds and this process's peak resident
memory in MB. The names reach Typst as JSON data, never as markup, so no name is read as code.
"""
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import typst

BODY = ("We, the undersigned, call for the immediate and unconditional release of every person "
        "imprisoned for their peaceful political activity, their writing, their faith or their "
        "defence of human rights. No one should be held for speaking their mind. We ask the "
        "authorities to open the prisons to independent observers, to end solitary confinement "
        "and to let families visit. Until every prisoner of conscience is free, we will keep "
        "their names in the light.")

SOURCE = r"""
#let data = json("data.json")
#set page(paper: "us-letter", margin: 15mm,
  footer: context align(center, text(size: 8pt)[page #counter(page).display() of #counter(page).final().first()]))
#set text(font: ("Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK JP"), size: 9pt)
#set par(spacing: 0pt, leading: 0.25em)
#align(center, text(size: 26pt, weight: "bold", data.title))
#v(8pt)
#text(size: 11pt, data.body)
#v(12pt)
#columns(3, gutter: 6mm)[
  #for name in data.names [
    #block(height: 11.25pt, spacing: 0pt, name)
  ]
  #v(8pt)
  #text(size: 10pt, weight: "bold", data.end)
]
"""


def main():
    names_file, out_pdf, *font_dirs = sys.argv[1:]
    names = Path(names_file).read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as work:
        Path(work, "data.json").write_text(json.dumps({
            "title": "Free Them All",
            "body": BODY,
            "names": names,
            "end": "and 1234 others from 12 countries",
        }), encoding="utf-8")
        main_file = Path(work, "main.typ")
        main_file.write_text(SOURCE, encoding="utf-8")
        started = time.perf_counter()
        typst.compile(str(main_file), output=out_pdf, font_paths=font_dirs, root=work)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "max_rss_mb": peak_mb}))


if __name__ == "__main__":
    main()
