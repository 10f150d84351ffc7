"""Speed and memory of ``thucydides code`` against a bare spaCy pipeline, on the same articles,
in one run. Not a test: a measurement to report.

    python scripts/benchmark.py [CORPUS.jsonl] [--repeat N] [--limit N] [--json]

CORPUS is JSONL with a ``text`` field per line (default: the articles of
../shared/gold/dev/quotes_polnear_dev.jsonl). Each configuration runs in a fresh child process,
so that its peak memory (max RSS) is its own; model loading is timed apart from coding.

Configurations:
- spacy: ``nlp.pipe`` with the full English pipeline (tagger, parser, lemmatizer, NER) over whole
  articles: what a coder built on bare spaCy pays before any event logic.
- thucydides: the full coder (ingest, triage, parse, actors, events), default settings.
- thucydides-no-triage: the same, parsing every sentence (shows what triage saves).
- thucydides-no-kb: actors stage off (linking cost: end-to-end time with vs without the KB).
- thucydides-no-quotes: quotes stage off (the cost of quote extraction).
- thucydides-rules: the rules alone decide (decider=rules): the cost of the decision layer.
- thucydides-quote-rules: the rules alone find quotes (quote_decider=rules, the configuration
  before the attribution model): beside thucydides-no-quotes and thucydides, the old and the new
  cost of quotes in one run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS

CONFIGS = ("spacy", "thucydides", "thucydides-no-triage", "thucydides-no-kb",
           "thucydides-no-quotes", "thucydides-rules", "thucydides-quote-rules")


def load_texts(path: Path, limit: int | None) -> list[str]:
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return texts[:limit] if limit else texts


def run_spacy(texts: list[str]) -> dict[str, float]:
    from thucydides.nlp.model import load_model

    t0 = time.perf_counter()
    nlp = load_model("auto")
    loaded = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=16))
    done = time.perf_counter()
    return {"load_s": loaded - t0, "code_s": done - loaded, "sentences": sentences,
            "parsed_sentences": sentences, "events": 0}


def run_thucydides(texts: list[str], config: str) -> dict[str, float]:
    from thucydides import Coder, Settings
    from thucydides.records import Article

    settings = Settings(triage=config != "thucydides-no-triage",
                        decider="rules" if config == "thucydides-rules" else "model",
                        quote_decider="rules" if config == "thucydides-quote-rules" else "model")
    t0 = time.perf_counter()
    coder = Coder.load(settings)
    if config == "thucydides-no-kb":
        coder.pipeline.stages = tuple(_no_kb(s) for s in coder.pipeline.stages)
    if config == "thucydides-no-quotes":
        coder.pipeline.stages = tuple(s for s in coder.pipeline.stages if s.name != "quotes")
    spent = _time_decisions()
    quoting = _time_attribution()
    loaded = time.perf_counter()
    sentences = parsed = events = 0
    for result in coder.run(Article(id=str(i), text=t) for i, t in enumerate(texts)):
        sentences += len(result.sentences or ())
        parsed += sum(1 for s in result.sentences or () if s.parsed)
        events += len(result.events or ())
    done = time.perf_counter()
    return {"load_s": loaded - t0, "code_s": done - loaded, "sentences": sentences,
            "parsed_sentences": parsed, "events": events, "layer_s": spent[0],
            "quote_model_s": quoting[0]}


def _time_decisions() -> list[float]:
    """Time spent in the decision layer (``Decider.decide``: features, classifier, rankers,
    calibrator), accumulated into the returned one-item list."""
    from thucydides.events.decide import Decider

    spent = [0.0]
    decide = Decider.decide

    def timed(self, facts):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return decide(self, facts)
        finally:
            spent[0] += time.perf_counter() - t

    Decider.decide = timed  # type: ignore[method-assign]
    return spent


def _time_attribution() -> list[float]:
    """Time spent in the quote attribution model (``Attributor.pending``: candidates, features,
    the three linear models, calibration, selection), accumulated into a one-item list."""
    from thucydides.quotes.attribution import Attributor

    spent = [0.0]
    pending = Attributor.pending

    def timed(self, doc, proposed, threshold=None):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return pending(self, doc, proposed, threshold)
        finally:
            spent[0] += time.perf_counter() - t

    Attributor.pending = timed  # type: ignore[method-assign]
    return spent


def _no_kb(stage):
    """The actors stage replaced by one that finds no mentions."""
    import dataclasses

    from thucydides.pipeline import PerArticle

    if stage.name != "actors":
        return stage
    return PerArticle("actors", lambda a: dataclasses.replace(a, mentions=()),
                      stage.requires, stage.assigns)


def child(config: str, corpus: Path, limit: int | None) -> None:
    texts = load_texts(corpus, limit)
    out = run_spacy(texts) if config == "spacy" else run_thucydides(texts, config)
    out["articles"] = len(texts)
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps(out) + "\n")


def measure(config: str, corpus: Path, limit: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, str(corpus), "--child", config]
    if limit:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    return min(runs, key=lambda r: r["code_s"])


def report(results: dict[str, dict[str, float]]) -> str:
    base = results["spacy"]
    lines = [f"corpus: {int(base['articles'])} articles, {int(base['sentences'])} sentences "
             "(spaCy's segmentation)",
             f"{'configuration':<22} {'code s':>8} {'sent/s':>9} {'x spaCy':>8} {'parsed':>7} "
             f"{'events':>7} {'load s':>7} {'peak MB':>8}"]
    for name, r in results.items():
        rate = base["sentences"] / r["code_s"]  # same denominator for every configuration
        lines.append(
            f"{name:<22} {r['code_s']:8.2f} {rate:9.1f} {base['code_s'] / r['code_s']:8.2f} "
            f"{r['parsed_sentences'] / max(r['sentences'], 1):7.0%} {int(r['events']):7d} "
            f"{r['load_s']:7.2f} {r['max_rss_mb']:8.0f}")
    main = results.get("thucydides", {})
    if main.get("layer_s"):
        lines.append(f"the decision layer (Decider.decide) takes {main['layer_s']:.2f} s, "
                     f"{main['layer_s'] / main['code_s']:.1%} of end-to-end coding time")
    if main.get("quote_model_s"):
        lines.append(f"the quote attribution model (Attributor.pending) takes "
                     f"{main['quote_model_s']:.2f} s, "
                     f"{main['quote_model_s'] / main['code_s']:.1%} of end-to-end coding time")
    if "thucydides-no-quotes" in results and "thucydides-quote-rules" in results:
        bare = results["thucydides-no-quotes"]["code_s"]
        old = results["thucydides-quote-rules"]["code_s"] / bare - 1
        lines.append(f"quotes by the rules alone (before) add {old:.1%} to end-to-end coding "
                     "time")
    for config, what in (("thucydides-no-kb", "actor linking"),
                         ("thucydides-no-quotes", "quote extraction (rules and model)"),
                         ("thucydides-rules", "deciding by model rather than rules")):
        if config in results:
            extra = results["thucydides"]["code_s"] / results[config]["code_s"] - 1
            lines.append(f"{what} adds {extra:.1%} to end-to-end coding time")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--repeat", type=int, default=3, help="runs per configuration (best kept)")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", nargs="+", choices=CONFIGS, default=CONFIGS,
                    help="measure these configurations only (spacy is always measured)")
    ap.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    a = ap.parse_args()
    corpus = Path(a.corpus)
    if a.child:
        child(a.child, corpus, a.limit)
        return
    if not corpus.is_file():
        sys.exit(f"corpus not found: {corpus}")
    configs = [c for c in CONFIGS if c == "spacy" or c in a.only]
    results = {c: best([measure(c, corpus, a.limit) for _ in range(a.repeat)]) for c in configs}
    sys.stdout.write((json.dumps(results) if a.json else report(results)) + "\n")


if __name__ == "__main__":
    main()
