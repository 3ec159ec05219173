"""Use oaiwalk from Python: read records, look at the pivot, convert to several formats.

Run from the project root:  python examples/use_library.py
"""

from pathlib import Path

import oaiwalk

EXAMPLE = Path(__file__).with_name("records.xml")

# 1. Read: one pivot Record per live oai_dc record (deleted ones are skipped and counted).
report = oaiwalk.RunReport()
for record in oaiwalk.read(EXAMPLE, report=report):
    authors = "; ".join(name.display() for name in record.author)
    year = record.issued.year if record.issued else "n.d."
    print(f"{record.id}: {record.title} ({year}) by {authors} [{record.type.csl}]")
print(f"read {report.read}, converted {report.converted}, deleted {report.deleted}")

# 2. Convert: the text of any registered format...
print(oaiwalk.convert(EXAMPLE, to="ris"))
print(oaiwalk.convert(EXAMPLE, to="citation", style="apa"))

# 3. ...or straight into a file.
oaiwalk.convert(EXAMPLE, to="bibtex", out="records.bib")
print(Path("records.bib").read_text(encoding="utf-8"))
