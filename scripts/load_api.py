"""Load test of the API and pages: requests/s and latency percentiles with N concurrent clients.

    .venv/bin/python scripts/load_api.py [--db STORE] [--corpus FILE.jsonl] [--clients 20]
        [--requests 6000] [--max-seconds 60] [--mix all|one-filter|routes] [--no-cache] [--json]

Bounded and loopback only: it starts ``thucydides serve`` (the same app, one process) on a free
port of 127.0.0.1, sends at most ``--requests`` requests for at most ``--max-seconds`` from
``--clients`` keep-alive connections, stops the server and prints a report. The requests cycle
through a fixed mix of filters (none, by source, target, pair, country, PLOVER, CAMEO root, quad
class, date range, text search) and pages (offsets), built from the store's own values;
``--mix one-filter``: one filter each (a country or a PLOVER type), ``limit=50`` (the figure the
dashboard's issue sets: 200 req/s, p99 under 200 ms, uncached). ``--mix routes``: each route in
turn (``ROUTES``: /api/events with one filter, its CSV download, the facets, timeline, dyads,
network and countries of one filter, an article page, the explorer with one filter), each for
at most ``--requests`` requests and ``--max-seconds``, first without the response cache, then
with it (two servers), and a table of both. Without
``--db``, a store is built first from the article texts of
``../shared/gold/dev/quotes_polnear_dev.jsonl`` (79 articles; the real coder) in a temporary
folder; ``--keep PATH`` keeps it there for later runs.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from _corpus import DEFAULT_CORPUS, texts_only

HOST = "127.0.0.1"
WARMUP = 200


def build_store(corpus: Path, db: Path) -> None:
    from thucydides.runner import ingest

    records = db.parent / "corpus.jsonl"
    n = texts_only(corpus, records)
    start = time.perf_counter()
    report = ingest([str(records)], db)
    print(f"built {db}: {report.counts.articles_added} of {n} articles, "
          f"{report.counts.events_added} events in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, cache: bool) -> subprocess.Popen[bytes]:
    """``thucydides serve`` in a process of its own (without the response cache: ``cache``
    False)."""
    code = ("import logging, sys; logging.basicConfig(level=logging.WARNING); "
            "from thucydides.api import Service; from thucydides.web import WebOptions, serve; "
            "serve(sys.argv[1], Service(), '127.0.0.1', int(sys.argv[2]), "
            "options=None if sys.argv[3] == 'cache' else WebOptions(cache_bytes=0))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port),
                             "cache" if cache else "no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/stats", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def get_json(port: int, path: str) -> Any:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=10) as r:
        return json.loads(r.read())


def one_filter_mix(port: int) -> list[str]:
    """/api/events with one filter, a country or a PLOVER type of the store, limit 50."""
    return with_filters("/api/events", one_filters(port), limit=50)


def one_filters(port: int) -> list[dict[str, Any]]:
    facets = get_json(port, "/api/facets")
    return ([{"country": f["value"]} for f in facets["country"][:10]]
            + [{"plover": f["value"]} for f in facets["plover"][:10]])


def with_filters(path: str, filters: list[dict[str, Any]], **more: Any) -> list[str]:
    return [f"{path}?{urllib.parse.urlencode({**q, **more})}" for q in filters]


def route_mixes(port: int) -> dict[str, list[str]]:
    """Per route, the paths its requests cycle through (one filter each: a country or a
    PLOVER type of the store; the busiest pairs; the first articles)."""
    filters = one_filters(port)
    pairs = get_json(port, "/api/dyads/top?limit=10")
    keys = [e["article"]["key"] for e in get_json(port, "/api/events?limit=200")["events"]]
    return {
        "/api/events (one filter, limit 50)": with_filters("/api/events", filters, limit=50),
        "/api/events.csv (one filter)": with_filters("/api/events.csv", filters),
        "/api/facets (one filter)": with_filters("/api/facets", filters),
        "/api/timeline (one filter, month)": with_filters("/api/timeline", filters,
                                                          period="month"),
        "/api/dyads (a top pair, month)": with_filters(
            "/api/dyads", [{"source": d["source"], "target": d["target"]} for d in pairs]),
        "/api/network (one filter)": with_filters("/api/network", filters),
        "/api/countries (one filter)": with_filters("/api/countries", filters),
        "/articles/{key} (page)": [f"/articles/{urllib.parse.quote(k)}"
                                   for k in dict.fromkeys(keys)][:20],
        "/ explorer (page, one filter)": with_filters("/", filters),
    }


def request_mix(port: int) -> list[str]:
    """A fixed mix of /api/events queries built from the store's own values."""
    facets = get_json(port, "/api/facets")
    top = [{"source": e["source_code"], "target": e["target_code"]}
           for e in get_json(port, "/api/network?limit=40")["edges"]
           if e["source_code"] and e["target_code"]][:5]
    total = get_json(port, "/api/events?limit=1")["total"]
    queries: list[dict[str, Any]] = [{}, {"limit": 20}, {"negated": "false"}]
    queries += [{"offset": o} for o in range(0, max(total - 50, 1), max(total // 8, 1))][:8]
    queries += [{"source": d["source"]} for d in top] + [{"target": d["target"]} for d in top]
    queries += [{"source": d["source"], "target": d["target"]} for d in top]
    queries += [{"plover": f["value"]} for f in facets["plover"][:8]]
    queries += [{"cameo_root": f["value"]} for f in facets["cameo_root"][:8]]
    queries += [{"country": f["value"]} for f in facets["country"][:5]]
    queries += [{"quad_class": q} for q in (1, 2, 3, 4)]
    queries += [{"date_from": "2000", "date_to": "2030-06"}, {"q": "president"},
                {"q": "said"}, {"q": "talks", "quad_class": 1}]
    return [f"/api/events?{urllib.parse.urlencode(q)}" for q in queries]


async def client(port: int, paths: Any, budget: dict[str, int], deadline: float,
                 out: list[float], errors: list[str]) -> None:
    """One keep-alive connection sending requests one after another."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while budget["left"] > 0 and time.perf_counter() < deadline:
            budget["left"] -= 1
            path = next(paths)
            start = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
                         "Accept: application/json\r\n\r\n".encode())
            status, _ = await read_response(reader)
            out.append(time.perf_counter() - start)
            if status != 200:
                errors.append(f"{status} {path}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:] if h)}
    if headers.get("transfer-encoding") == "chunked":  # a streamed download
        return status, await read_chunked(reader)
    if "content-length" not in headers:
        raise ValueError("no content-length in the response")
    return status, await reader.readexactly(int(headers["content-length"]))


async def read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        parts.append(await reader.readexactly(size + 2))
        if size == 0:
            return b"".join(parts)


async def load(port: int, paths: list[str], clients: int, requests: int,
               seconds: float) -> tuple[list[float], list[str], float]:
    cycle = itertools.cycle(paths)
    warm: list[float] = []
    await asyncio.gather(*(client(port, cycle, {"left": WARMUP // clients}, time.perf_counter()
                                  + 30, warm, []) for _ in range(clients)))
    latencies: list[float] = []
    errors: list[str] = []
    budget = {"left": requests}
    start = time.perf_counter()
    await asyncio.gather(*(client(port, cycle, budget, start + seconds, latencies, errors)
                           for _ in range(clients)))
    return latencies, errors, time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def report(latencies: list[float], errors: list[str], elapsed: float, clients: int,
           mix: int, db: Path) -> dict[str, Any]:
    return {"db": str(db), "clients": clients, "queries_in_mix": mix,
            "requests": len(latencies), "errors": len(errors), "seconds": round(elapsed, 2),
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * percentile(latencies, 50), 1),
            "p90_ms": round(1000 * percentile(latencies, 90), 1),
            "p99_ms": round(1000 * percentile(latencies, 99), 1),
            "max_ms": round(1000 * max(latencies), 1), "first_errors": errors[:5]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: build one)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--keep", type=Path, help="build the store here and keep it")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=6000)
    ap.add_argument("--max-seconds", type=float, default=60.0)
    ap.add_argument("--no-cache", action="store_true",
                    help="serve without the response cache (every request queries the store)")
    ap.add_argument("--mix", choices=("all", "one-filter", "routes"), default="all",
                    help="all: the fixed mix of filters and pages; one-filter: a country or "
                    "a PLOVER type, limit 50; routes: each route in turn, uncached and cached")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.requests <= 100_000:
        ap.error("at most 200 clients and 100000 requests")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or args.keep or Path(tmp) / "dev.duckdb"
        if args.db is None and not db.exists():
            if not args.corpus.exists():
                ap.error(f"{args.corpus} is absent; pass --db or --corpus")
            db.parent.mkdir(parents=True, exist_ok=True)
            build_store(args.corpus, db)
        if args.mix == "routes":
            return routes(db, args)
        port = free_port()
        server = start_server(db, port, cache=not args.no_cache)
        try:
            paths = one_filter_mix(port) if args.mix == "one-filter" else request_mix(port)
            latencies, errors, elapsed = asyncio.run(
                load(port, paths, args.clients, args.requests, args.max_seconds))
        finally:
            server.terminate()
            server.wait(10)
    out = report(latencies, errors, elapsed, args.clients, len(paths), db)
    out["response_cache"] = not args.no_cache
    out["mix"] = args.mix
    if args.json:
        print(json.dumps(out))
    else:
        print(f"/api/events ({'with' if out['response_cache'] else 'without'} the response "
              f"cache), {out['clients']} clients, {out['requests']} requests over "
              f"{out['queries_in_mix']} queries in {out['seconds']} s (cpu count "
              f"{os.cpu_count()}): {out['requests_per_s']} req/s, p50 {out['p50_ms']} ms, "
              f"p90 {out['p90_ms']} ms, p99 {out['p99_ms']} ms, max {out['max_ms']} ms, "
              f"{out['errors']} errors")
        for e in out["first_errors"]:
            print(f"  error: {e}")
    return 1 if errors else 0


def routes(db: Path, args: argparse.Namespace) -> int:
    """Each route in turn, without then with the response cache; a table of both."""
    found: dict[str, dict[bool, dict[str, Any]]] = {}
    for cache in (False, True):
        port = free_port()
        server = start_server(db, port, cache=cache)
        try:
            for name, paths in route_mixes(port).items():
                latencies, errors, elapsed = asyncio.run(
                    load(port, paths, args.clients, args.requests, args.max_seconds))
                found.setdefault(name, {})[cache] = report(
                    latencies, errors, elapsed, args.clients, len(paths), db)
        finally:
            server.terminate()
            server.wait(10)
    if args.json:
        print(json.dumps({name: {"no_cache": r[False], "cache": r[True]}
                          for name, r in found.items()}))
    else:
        print(f"{args.clients} clients, at most {args.requests} requests or "
              f"{args.max_seconds:g} s per route and mode (cpu count {os.cpu_count()})\n")
        print("| route | uncached req/s | p50 | p99 | cached req/s | p50 | p99 | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, r in found.items():
            cells = [f"{r[c]['requests_per_s']:g} | {r[c]['p50_ms']:g} ms | "
                     f"{r[c]['p99_ms']:g} ms" for c in (False, True)]
            print(f"| {name} | {cells[0]} | {cells[1]} | "
                  f"{r[False]['errors'] + r[True]['errors']} |")
    failed = [e for r in found.values() for c in r.values() for e in c["first_errors"]]
    for e in failed[:10]:
        print(f"  error: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
