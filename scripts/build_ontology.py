"""Write the project's ontology tables (events/data/cameo.tsv, events/data/plover.tsv) from the
public CAMEO and PLOVER reference files in ../shared/data (facts only: codes, names, Goldstein
values, the CAMEO->PLOVER assignment). Run once when the references change; the output is committed.

    python scripts/build_ontology.py ../shared/data

Choices (documented in docs/ontology.md):
- Goldstein: GDELT's values (our GDELT export must agree); 1213, which GDELT lacks, takes ICEWS's.
- Quad class: GDELT's convention by root (01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4).
- Penta: Multi-CoPED's convention (01-02 -> 0, 03-05 -> 1, 06-08 -> 2, 09-13, 16 -> 3, other -> 4).
- PLOVER: the 2021 table, except for modes the PLOVER 2.0 manual renamed (112 allege, 185/186
  targeted, 195 aerial); imposed sanctions (163) stay COERCE and findings of guilt (116) ACCUSE,
  as the 2021 table and the human PLOVER coders of the PLV gold have them; modes and
  contexts that 2.0 no longer has are dropped or renamed; 01, 02 and bare 08 have no PLOVER event.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "thucydides" / "events" / "data"
CONTEXT_RENAMES = {"democracy": "pro_democracy", "humanitarian": "human_security"}
MANUAL2 = {
    "195": ("ASSAULT", "aerial", "military"),  # 2.0 has an aerial mode; 2021 said heavy-weapons
    "112": ("ACCUSE", "allege", ""),  # 2.0: accusations are the allege mode
    "185": ("ASSAULT", "targeted", ""),  # 2.0: (attempted) assassinations are targeted
    "186": ("ASSAULT", "targeted", ""),
}
NO_PLOVER = {"01", "02", "08", "080"}


def quad(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def penta(root: int) -> int:
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 or root == 16 else 4


def read_2021(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = (x.strip() for x in line.split(":", 1))
        parts = [p.strip() for p in rest.split(",")] + ["", ""]
        out.setdefault(code, (parts[0], parts[1], parts[2]))
    return out


def main(shared: Path) -> None:
    ont = json.loads((shared / "plover/PLOVER_ontology_extracted.json").read_text(encoding="utf-8"))
    modes = {k: {m["mode"] for m in v["modes"]} for k, v in ont["events"].items()}
    contexts = {c["context"] for c in ont["contexts"]}
    m2021 = read_2021(shared / "plover/CAMEO2PLOVER-2021.txt")
    book = list(csv.DictReader((shared / "cameo/cameo_merged_codebook.tsv").open(encoding="utf-8"),
                               delimiter="\t"))
    with (OUT / "cameo.tsv").open("w", encoding="utf-8") as f:
        f.write("# CAMEO 1.1b3 event codes; see cameo.schema.json and docs/ontology.md\n")
        f.write("code\tname\tgoldstein\tquad_class\tpenta\n")
        for r in book:
            code, root = r["cameo_code"], int(r["root"])
            g = r["goldstein_gdelt"] or r["goldstein_icews_csv"]
            f.write(f"{code}\t{r['name_gdelt'].strip()}\t{float(g)}\t{quad(root)}\t{penta(root)}\n")
    with (OUT / "plover.tsv").open("w", encoding="utf-8") as f:
        f.write("# CAMEO -> PLOVER 2.0; see plover.schema.json and docs/ontology.md\n")
        f.write("cameo\tplover\tmode\tcontext\tbasis\n")
        for r in book:
            code = r["cameo_code"]
            if code in NO_PLOVER:
                f.write(f"{code}\t\t\t\tproject\n")
                continue
            if code in MANUAL2:
                ev, mode, ctx = MANUAL2[code]
                f.write(f"{code}\t{ev}\t{mode}\t{ctx}\tmanual2\n")
                continue
            if code not in m2021:
                continue  # takes its longest listed prefix
            ev, mode, ctx = m2021[code]
            mode = mode if mode in modes.get(ev, ()) else ""
            ctx = CONTEXT_RENAMES.get(ctx.split(";")[0].strip(), ctx.split(";")[0].strip())
            ctx = ctx if ctx in contexts else ""
            f.write(f"{code}\t{ev}\t{mode}\t{ctx}\tmap2021\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
