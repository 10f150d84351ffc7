"""Main-text extraction benchmark: "trafilatura default" against thucydides' HTML reader.

Reads the annotated pages of ``../shared/samples/html/`` (see its README) and prints, per
collection, the scores of both extractors side by side:

- ``trafilatura``: must-contain / must-not-contain snippets -> snippet precision, recall, F1
  (trafilatura's ``tests/evaluate.py``);
- ``article-extraction-benchmark``: 4-token shingles against ``ground-truth.json``, per-page
  normalised counts summed over pages -> P/R/F1 (the benchmark's ``evaluate.py``);
- ``fundus``, ``mozilla-readability``, ``newspaper4k``: the same shingle score against their
  expected article text.

Metadata (title and publication date, exact after whitespace normalisation) is scored where the
collection has it.

    .venv/bin/python scripts/bench_extract.py [--shared ../shared] [--only NAME] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class Page:
    name: str
    html: bytes
    url: str | None
    body: str | None = None  # expected text (shingle collections)
    with_: list[str] = field(default_factory=list)  # snippet collections
    without: list[str] = field(default_factory=list)
    title: str | None = None
    date: str | None = None


@dataclass
class Output:
    text: str
    title: str | None
    date: str | None


# --------------------------------------------------------------------------- collections


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def trafilatura_pages(base: Path) -> Iterator[Page]:
    for row in _jsonl(base / "expectations.jsonl"):
        meta = row.get("metadata", {})
        yield Page(row["file"], _read(base / row["file"]), row.get("url"), with_=row["with"],
                   without=row["without"], title=meta.get("title"), date=meta.get("date"))


def aeb_pages(base: Path) -> Iterator[Page]:
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    for key, row in sorted(truth.items()):
        yield Page(key[:12], _read(base / "html" / f"{key}.html.gz"), row.get("url"),
                   body=row["articleBody"])


def fundus_pages(base: Path) -> Iterator[Page]:
    for row in _jsonl(base / "expectations.jsonl"):
        parts = list(row.get("summary") or [])
        for section in row.get("sections") or []:
            parts += section.get("headline", []) + section.get("paragraphs", [])
        date = (row.get("publishing_date") or "")[:10] or None
        yield Page(row["file"], _read(base / row["file"]), row.get("url"), body="\n".join(parts),
                   title=row.get("title"), date=date)


def readability_pages(base: Path) -> Iterator[Page]:
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        expected = lxml_html.fromstring((folder / "expected.html").read_bytes())
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        date = (meta.get("publishedTime") or "")[:10] or None
        yield Page(folder.name, _read(folder / "source.html.gz"), None,
                   body=expected.text_content(), title=meta.get("title"), date=date)


def newspaper_pages(base: Path) -> Iterator[Page]:
    for path in sorted((base / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        meta = json.loads((base / "metadata" / f"{name}.json").read_text(encoding="utf-8"))
        date = (meta.get("publish_date") or "")[:10] or None
        yield Page(name, _read(path), meta.get("url"),
                   body=(base / "txt" / f"{name}.txt").read_text(encoding="utf-8"),
                   title=meta.get("title"), date=date)


COLLECTIONS: dict[str, tuple[str, Callable[[Path], Iterator[Page]]]] = {
    "trafilatura": ("trafilatura", trafilatura_pages),
    "article-extraction-benchmark": ("article-extraction-benchmark", aeb_pages),
    "fundus": ("fundus", fundus_pages),
    "mozilla-readability": ("mozilla-readability", readability_pages),
    "newspaper4k": ("newspaper4k", newspaper_pages),
}


# --------------------------------------------------------------------------- scores


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    grams = (tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) normalised to sum 1 per page, as the benchmark's evaluate.py does."""
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in p)
    fn = sum(max(0, t[k] - p[k]) for k in t)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def snippet_counts(page: Page, text: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over must / must-not snippets (trafilatura's evaluate.py)."""
    tp = sum(s in text for s in page.with_)
    fp = sum(s in text for s in page.without)
    return float(tp), float(fp), float(len(page.with_) - tp)


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


@dataclass
class Tally:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0
    title_ok: int = 0
    title_n: int = 0
    date_ok: int = 0
    date_n: int = 0

    def add(self, page: Page, out: Output) -> float:
        """Count one page in; returns the page's own F1."""
        counts = snippet_counts(page, out.text) if page.body is None else shingle_counts(
            page.body, out.text)
        self.tp, self.fp, self.fn = (a + b for a, b in zip((self.tp, self.fp, self.fn), counts,
                                                            strict=True))
        if page.title:
            self.title_n += 1
            self.title_ok += norm(page.title) == norm(out.title)
        if page.date:
            self.date_n += 1
            self.date_ok += page.date == out.date
        return prf(*counts)[2]

    def row(self) -> dict[str, float]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        out = {"precision": p, "recall": r, "f1": f}
        if self.title_n:
            out["title"] = self.title_ok / self.title_n
        if self.date_n:
            out["date"] = self.date_ok / self.date_n
        return out


# --------------------------------------------------------------------------- extractors


def trafilatura_default(page: Page) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None:
        return Output("", None, None)
    return Output(doc.text or "", doc.title, doc.date)


def thucydides_reader(page: Page) -> Output:
    from thucydides.errors import InputError
    from thucydides.ingest.readers.html import read_page

    try:
        result = read_page(page.html, url=page.url)
    except InputError:
        return Output("", None, None)
    date = result.date.isoformat() if result.date else None
    return Output(result.text, result.title, date)


EXTRACTORS: dict[str, Callable[[Page], Output]] = {
    "trafilatura default": trafilatura_default,
    "thucydides": thucydides_reader,
}


def run(shared: Path, only: list[str]) -> dict[str, dict[str, dict[str, float]]]:
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, (folder, loader) in COLLECTIONS.items():
        if only and name not in only:
            continue
        base = shared / "samples" / "html" / folder
        if not base.exists():
            print(f"skip {name}: {base} is absent", file=sys.stderr)
            continue
        tallies = {label: Tally() for label in EXTRACTORS}
        pages = better = worse = 0
        for page in loader(base):
            pages += 1
            base_f1, ours_f1 = (tallies[label].add(page, fn(page))
                                for label, fn in EXTRACTORS.items())
            better += ours_f1 > base_f1 + 1e-9
            worse += ours_f1 < base_f1 - 1e-9
        results[name] = {label: {"pages": pages, **t.row()} for label, t in tallies.items()}
        results[name]["pages"] = {"better": better, "worse": worse}
    return results


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    labels = list(EXTRACTORS)
    head = f"{'collection':30} {'pages':>5}" + "".join(f"  {lab + ' P / R / F1':>31}"
                                                     for lab in labels) + "   F1 gain  pages +/-"
    lines = ["main text", head, "-" * len(head)]
    for name, row in results.items():
        cells = "".join(f"  {row[lab]['precision']:9.3f} {row[lab]['recall']:.3f} "
                        f"{row[lab]['f1']:.3f}".rjust(33) for lab in labels)
        gain = row[labels[-1]]["f1"] - row[labels[0]]["f1"]
        moved = f"{row['pages']['better']}/{row['pages']['worse']}"
        lines.append(f"{name:30} {int(row[labels[0]]['pages']):>5}{cells}   {gain:+.3f}"
                     f"  {moved:>9}")
    lines += ["(pages +/-: pages whose own F1 thucydides raises / lowers)", "",
              "metadata (share of pages where it equals the expected value)",
              f"{'collection':30}" + "".join(f"  {lab + ' title / date':>31}" for lab in labels)]
    for name, row in results.items():
        if "title" in row[labels[0]] or "date" in row[labels[0]]:
            cells = "".join(f"  {_share(row[lab], 'title')} / {_share(row[lab], 'date')}"
                            .rjust(33) for lab in labels)
            lines.append(f"{name:30}{cells}")
    return "\n".join(lines)


def _share(row: dict[str, float], key: str) -> str:
    return f"{row[key]:.2f}" if key in row else "  - "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", action="append", default=[], choices=list(COLLECTIONS))
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # trafilatura's per-page warnings are noise here
    results = run(args.shared, args.only)
    print(json.dumps(results, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
