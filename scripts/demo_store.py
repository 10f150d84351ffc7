"""Build the real-news demo store, offline and reproducibly (``make demo-store``).

    .venv/bin/python scripts/demo_store.py [--db out/demo.duckdb] [--shared ../shared] [--resume]

What goes in, in this order (one ingest run, so ``seq`` and duplicate clusters are the same on
every build):

1. the bundled samples: ``sample-article.txt`` dated 2022-03-15 (as ``make sample`` codes it) and
   ``sample-articles.jsonl``;
2. every HTML page under ``../shared/samples/html/`` (trafilatura, article-extraction-benchmark,
   fundus, mozilla-readability ``source.html.gz``, newspaper4k; not Readability's
   ``expected.html`` outputs), each with the URL, title and publication date its collection's
   expectation file gives, where it gives one;
3. every WARC file under ``../shared/samples/warc/`` (``*.warc``, ``*.warc.gz``), sorted by name
   (a re-crawl's revisit records find the responses of the first crawl);
4. the 79 articles of ``../shared/gold/dev/quotes_polnear_dev.jsonl``, id and text only.

No feeds: reading them fetches linked pages. Without ``../shared`` only the bundled samples go in.

Everything is read and coded by the project itself: ``thucydides.runner`` with the default
settings and coder, on files. Two inputs are prepared as files in ``out/demo-inputs/`` because
``ingest`` takes paths only: a JSONL record for the sample article (a .txt carries no date), and
one JSONL file of the HTML pages. A page is read by the ingest readers (``ingest.extract``, the
function ``ingest`` itself reads pages with), and its record gets the text, title, date, URL and
declared language found, with the expectation file's URL, title and date put first; a page the
readers cannot read goes to ``ingest`` as its own path, so that the store records its error.

Offline: any network connection attempted during the build raises. Deterministic: the inputs,
their order and the coder fix the stored rows (the ``runs`` bookkeeping aside). A rerun
*replaces* the store: it builds ``DB.partial`` from scratch and renames it to ``DB`` when the run
is done, so ``DB`` is always a finished build. ``--resume`` continues an interrupted build's
``DB.partial`` instead (ingest skips the articles it holds).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _corpus import ROOT, texts_only

SAMPLES = ROOT / "src" / "thucydides" / "samples"
SAMPLE_DATE = "2022-03-15"  # as ``make sample`` codes the sample article
GOLD_ARTICLES = ("gold", "dev", "quotes_polnear_dev.jsonl")
HTML_SUFFIXES = (".html", ".html.gz")
NOT_PAGES = ("expected.html",)  # mozilla-readability's expected output, not a page


@dataclasses.dataclass(frozen=True)
class PageMeta:
    """What a collection's expectation file says about a page (None: it says nothing)."""

    url: str | None = None
    title: str | None = None
    date: str | None = None


# --------------------------------------------------------------------------- expectation files


def _day(value: Any) -> str | None:
    """'2024-01-07 01:20:00+00:00' / '2018-04-05T06:00' -> '2024-01-07'; None if not a date."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _meta(url: Any = None, title: Any = None, date: Any = None) -> PageMeta:
    def text(v: Any) -> str | None:
        return v.strip() or None if isinstance(v, str) else None

    return PageMeta(text(url), text(title), _day(date))


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        yield from (json.loads(line) for line in f if line.strip())


def trafilatura_meta(base: Path) -> dict[Path, PageMeta]:
    out = {}
    for row in _jsonl(base / "expectations.jsonl"):
        meta = row.get("metadata") or {}
        out[base / row["file"]] = _meta(row.get("url"), meta.get("title"), meta.get("date"))
    return out


def aeb_meta(base: Path) -> dict[Path, PageMeta]:
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    return {base / "html" / f"{key}.html.gz": _meta(row.get("url"))
            for key, row in truth.items()}


def fundus_meta(base: Path) -> dict[Path, PageMeta]:
    return {base / row["file"]: _meta(row.get("url"), row.get("title"),
                                      row.get("publishing_date"))
            for row in _jsonl(base / "expectations.jsonl")}


def readability_meta(base: Path) -> dict[Path, PageMeta]:
    out = {}
    for meta_file in base.glob("*/expected-metadata.json"):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        out[meta_file.parent / "source.html.gz"] = _meta(None, meta.get("title"),
                                                         meta.get("publishedTime"))
    return out


def newspaper_meta(base: Path) -> dict[Path, PageMeta]:
    out = {}
    for meta_file in (base / "metadata").glob("*.json"):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        page = base / "html" / f"{meta_file.stem}.html.gz"
        out[page] = _meta(meta.get("url"), meta.get("title"), meta.get("publish_date"))
    return out


COLLECTIONS = {"trafilatura": trafilatura_meta, "article-extraction-benchmark": aeb_meta,
               "fundus": fundus_meta, "mozilla-readability": readability_meta,
               "newspaper4k": newspaper_meta}


def page_metadata(html_root: Path) -> dict[Path, PageMeta]:
    """Each page's URL, title and date from the expectation files of the five collections."""
    out: dict[Path, PageMeta] = {}
    for name, read in COLLECTIONS.items():
        if (html_root / name).is_dir():
            out.update(read(html_root / name))
    return out


def html_pages(html_root: Path) -> list[Path]:
    """Every HTML page below ``html_root``, sorted by path."""
    return sorted(p for p in html_root.rglob("*") if p.is_file()
                  and p.name.endswith(HTML_SUFFIXES) and p.name not in NOT_PAGES)


# --------------------------------------------------------------------------- input files


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def bundled_inputs(folder: Path) -> list[str]:
    """The sample article as a dated record (a .txt carries no date), and the sample JSONL."""
    text = (SAMPLES / "sample-article.txt").read_text(encoding="utf-8")
    record = {"id": "sample-article", "text": text, "date": SAMPLE_DATE}
    dated = write_jsonl(folder / "sample-article.jsonl", [record])
    return [str(dated), str(SAMPLES / "sample-articles.jsonl")]


def page_record(article: Any, page: Path, shared: Path, meta: PageMeta) -> dict[str, Any]:
    """The JSONL record of one read page: the readers' text and metadata, the expectation
    file's URL, title and date first."""
    date = meta.date or (article.date.isoformat() if article.date else None)
    return {"id": str(page.relative_to(shared)), "text": article.text, "date": date,
            "url": meta.url or article.url, "title": meta.title or article.title,
            "language": article.language}


def page_inputs(shared: Path, folder: Path) -> tuple[list[str], int]:
    """The pages as one JSONL file, plus the pages the readers could not read (as paths);
    the number of pages."""
    from thucydides.ingest.extract import extract
    from thucydides.ingest.readers.base import Context
    from thucydides.ingest.settings import ExtractSettings
    from thucydides.records import Article

    html_root = shared / "samples" / "html"
    pages, meta = html_pages(html_root), page_metadata(html_root)
    ctx = Context.load(ExtractSettings(fetch_links=False))
    records, unread = [], []
    for page in pages:
        items = list(extract([str(page)], ctx=ctx))
        if len(items) == 1 and isinstance(items[0], Article):
            records.append(page_record(items[0], page, shared, meta.get(page, PageMeta())))
        else:
            unread.append(str(page))
    return [str(write_jsonl(folder / "html-pages.jsonl", records)), *unread], len(pages)


def shared_inputs(shared: Path, folder: Path) -> list[str]:
    pages, n_pages = page_inputs(shared, folder)
    warc_dir = shared / "samples" / "warc"
    warcs = sorted(str(p) for p in warc_dir.iterdir() if p.name.endswith((".warc", ".warc.gz")))
    gold = folder / "polnear-dev.jsonl"
    n_gold = texts_only(shared.joinpath(*GOLD_ARTICLES), gold)
    log(f"inputs: {n_pages} HTML pages ({len(pages) - 1} unreadable), {len(warcs)} WARC files, "
        f"{n_gold} polnear dev articles")
    return [*pages, *warcs, str(gold)]


def prepare_inputs(shared: Path, folder: Path) -> list[str]:
    """Every input of the build, in order; the prepared ones written to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = bundled_inputs(folder)
    if not (shared / "samples").is_dir() or not shared.joinpath(*GOLD_ARTICLES).is_file():
        log(f"{shared} is absent (it is only in the project's development checkout): "
            "the store holds the bundled samples only")
        return inputs
    return inputs + shared_inputs(shared, folder)


# --------------------------------------------------------------------------- the build


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """Any network connection attempted inside raises OSError."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("demo_store runs offline: a network connection was attempted")

    saved = socket.socket.connect, socket.create_connection
    socket.socket.connect, socket.create_connection = refuse, refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect, socket.create_connection = saved  # type: ignore[method-assign]


def remove_store(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)


def ingest_all(inputs: list[str], partial: Path) -> Any:
    from thucydides.runner import ingest
    from thucydides.settings import Settings

    def progress(p: Any) -> None:
        log(f"  input {p.inputs_done}/{p.inputs_total}: {p.counts.articles_added} articles, "
            f"{p.counts.events_added} events, {p.counts.errors_added} errors")

    return ingest(inputs, partial, Settings(), on_progress=progress)


def build(db: Path, shared: Path, inputs_dir: Path, resume: bool) -> None:
    start = time.perf_counter()
    partial = db.with_name(db.name + ".partial")
    if not resume:
        remove_store(partial)
    with offline():
        inputs = prepare_inputs(shared, inputs_dir)
        prepared = time.perf_counter() - start
        report = ingest_all(inputs, partial)
    remove_store(db)
    os.replace(partial, db)
    c = report.counts
    log(f"built {db} in {time.perf_counter() - start:.0f} s (inputs prepared in {prepared:.0f} s):"
        f" {c.articles_added} articles added, {c.articles_skipped} already stored, "
        f"{c.events_added} events, {c.errors_added} errors. Figures: "
        f".venv/bin/python scripts/store_report.py --db {db}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "demo.duckdb")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--inputs", type=Path, default=None,
                        help="where prepared inputs go (default: demo-inputs/ beside DB)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted build (DB.partial) instead of replacing")
    args = parser.parse_args(argv)
    db = args.db.resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        build(db, args.shared.resolve(), (args.inputs or db.parent / "demo-inputs").resolve(),
              args.resume)
    except KeyboardInterrupt:
        log(f"interrupted: {db} is unchanged; --resume continues this build")
        sys.exit(130)


if __name__ == "__main__":
    main()
