"""``thucydides train quotes``: cross-validate the attribution model on gold quote files, calibrate
its confidence, choose its threshold by out-of-fold F1, fit it on everything and write it.

    train_quotes(["quotes_polnear_train.jsonl"], out="quotes.v2.npz", coder=rules_coder)

Folds are grouped by article. Seeded and deterministic: the same gold files and parameters give
the same model file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from thucydides.errors import Err, ThucydidesError
from thucydides.eval.gold import default_scorer
from thucydides.eval.quotes import SCORER, read_gold
from thucydides.events.model import Calibrator, Linear
from thucydides.quotes.attribution import Attributor, Decision, jaccard
from thucydides.quotes.classes import kind_of
from thucydides.quotes.extract import QuoteFinder, finish, joined
from thucydides.quotes.lexicon import CueLexicon
from thucydides.quotes.model import RAW, QuoteModel, save
from thucydides.records import Analysis, Span
from thucydides.train.fit import binary_matrix, vocabulary
from thucydides.train.quote_examples import (
    Examples,
    Parsed,
    Ranking,
    cue_words,
    examples,
    parse,
    read_quotes,
)

if TYPE_CHECKING:
    from thucydides.api import Coder

Progress = Callable[[str], None]
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 19))  # 0.05 .. 0.90


@dataclass(frozen=True)
class Params:
    """Hyper-parameters (chosen by cross-validation on the training file; see the card)."""

    C_cue: float = 0.5
    C_content: float = 0.5
    C_speaker: float = 0.5
    gate: float = 0.2
    cue_word_min: int = 3
    direct: str = "model"  # who decides direct quotes: "model" or "rules"
    seed: int = 0


def _logistic(C: float, seed: int) -> Any:  # scikit-learn is imported at training time only
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="saga", max_iter=300, tol=1e-3, random_state=seed)


def fit_binary(rows: Sequence[Sequence[str]], labels: Sequence[bool], C: float, seed: int,
               ) -> Linear:
    index = vocabulary(rows, 1)
    if len(set(labels)) < 2:
        raise ThucydidesError(Err.E314, detail="the examples have a single label")
    model = _logistic(C, seed).fit(binary_matrix(rows, index), list(labels))
    return Linear(index, model.coef_.T, model.intercept_)


def _flat(rankings: Sequence[Ranking]) -> tuple[list[list[str]], list[bool]]:
    return ([o for r in rankings for o in r.options], [x for r in rankings for x in r.right])


def fit(ex: Examples, words: frozenset[tuple[str, str]], params: Params, name: str,
        calibrator: Calibrator | None = None, threshold: float = 0.5) -> QuoteModel:
    """The model fitted on ``ex`` (an identity-like calibrator until cross-validation gives
    one)."""
    ex = ex.only(words)
    cue = fit_binary(ex.cues, ex.labels, params.C_cue, params.seed)
    content = fit_binary(*_flat(ex.contents), params.C_content, params.seed)
    speaker = fit_binary(*_flat(ex.speakers), params.C_speaker, params.seed)
    calibrator = calibrator or Calibrator(("cue",), (1.0,), 0.0)
    return QuoteModel(name, cue, content, speaker, calibrator, threshold, params.gate, words,
                      {"direct": params.direct})


# --------------------------------------------------------------------------- out of fold


def folds_of(ids: Sequence[str], k: int, seed: int) -> list[int]:
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    fold = {a: n % k for n, a in enumerate(order)}
    return [fold[a] for a in ids]


@dataclass
class Decided:
    """The out-of-fold decisions of one article, each marked right when its content matches a
    gold content."""

    article: int
    fold: int
    decisions: list[Decision]
    right: list[bool]


def _right(p: Parsed, d: Decision) -> bool:
    return any(jaccard(d.content, q.content) >= 0.5 for q in p.gold.quotes
               if q.content[0].start < d.span.end and d.span.start < q.content[-1].end)


def fit_calibrator(decided: Sequence[Decided], seed: int) -> Calibrator:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[d.raw[n] for n in RAW] for a in decided for d in a.decisions])
    y = np.array([r for a in decided for r in a.right])
    if len(set(y.tolist())) < 2:
        return Calibrator(RAW, tuple(0.0 for _ in RAW), 0.0 if y.all() else -5.0)
    model = LogisticRegression(C=1.0, max_iter=1000, random_state=seed).fit(x, y)
    return Calibrator(RAW, tuple(round(float(c), DIGITS) for c in model.coef_[0]),
                      round(float(model.intercept_[0]), DIGITS))


DIGITS = 10  # calibrator and reliability figures are kept to this many places: the last bits
# of a floating-point sum vary with the BLAS threads, and the same gold gives the same file


@dataclass
class OutOfFold:
    decided: list[Decided]
    models: list[QuoteModel]  # the model of each fold (for its gate, words and direct mode)
    k: int


def out_of_fold(parsed: Sequence[Parsed], per_article: Sequence[Examples], lexicon: CueLexicon,
                params: Params, k: int, name: str, say: Progress) -> OutOfFold:
    """Fit on k-1 folds, decide the held-out fold; then each decision's confidence from a
    calibrator fitted on the other folds' decisions."""
    folds = folds_of([p.gold.id for p in parsed], k, params.seed)
    decided: list[Decided] = []
    models = []
    for fold in range(k):
        train = [p for p, f in zip(parsed, folds, strict=True) if f != fold]
        words = cue_words(train, lexicon, params.cue_word_min)
        ex = Examples()
        for e, f in zip(per_article, folds, strict=True):
            if f != fold:
                ex.extend(e)
        model = fit(ex, words, params, name)
        models.append(model)
        attributor = Attributor(model, lexicon)
        for n, (p, f) in enumerate(zip(parsed, folds, strict=True)):
            if f == fold:
                ds = attributor.decide(p.doc, p.pending)
                decided.append(Decided(n, fold, ds, [_right(p, d) for d in ds]))
        say(f"fold {fold + 1}/{k}")
    for fold in range(k):
        cal = fit_calibrator([a for a in decided if a.fold != fold], params.seed)
        for a in decided:
            if a.fold == fold:
                a.decisions = [dataclasses.replace(d, confidence=cal(d.raw))
                               for d in a.decisions]
    return OutOfFold(sorted(decided, key=lambda a: a.article), models, k)


def oof_pending(parsed: Sequence[Parsed], oof: OutOfFold, lexicon: CueLexicon,
                threshold: float) -> list[list[Any]]:
    """Each article's out-of-fold quotes (before speaker resolution) at ``threshold``."""
    out = []
    for a in oof.decided:
        p = parsed[a.article]
        attributor = Attributor(oof.models[a.fold], lexicon)
        out.append(joined(p.doc, attributor.assemble(p.doc, p.pending, a.decisions,
                                                        threshold)))
    return out


# --------------------------------------------------------------------------- scoring


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> float:
    inter = sum(max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a for y in b)
    size = sum(len(x) for x in a) + sum(len(y) for y in b) - inter
    return inter / size if size else 0.0


def match(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> int:
    """How many predicted contents match a gold one: one-to-one, greedy by Jaccard >= 0.5
    (the scorer's rule)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g[0].start < p[-1].end and p[0].start < g[-1].end:
                jac = _overlap(g, p)
                if jac >= 0.5:
                    pairs.append((-jac, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def content_scores(parsed: Sequence[Parsed], pending: Sequence[Sequence[Any]],
                   kind: str | None = None) -> dict[str, float]:
    """Content P/R/F1 of ``pending`` (one list per article), all quotes or one ``kind``."""
    tp = n_pred = n_gold = 0
    for p, quotes in zip(parsed, pending, strict=True):
        gold = [q.content for q in p.gold.quotes if kind is None or q.kind == kind]
        pred = [q.content for q in quotes
                if kind is None or kind_of(p.doc.text, q.content) == kind]
        tp += match(gold, pred)
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def curve(parsed: Sequence[Parsed], oof: OutOfFold, lexicon: CueLexicon,
          thresholds: Sequence[float] = THRESHOLDS) -> list[dict[str, float]]:
    rows = []
    for t in thresholds:
        pending = oof_pending(parsed, oof, lexicon, t)
        rows.append({"threshold": t, **content_scores(parsed, pending),
                     "kept": sum(len(x) for x in pending)})
    return rows


def reliability(oof: OutOfFold, bins: int = 10) -> list[dict[str, float]]:
    """Predicted vs observed correctness per confidence bin (out-of-fold decisions)."""
    pairs = [(d.confidence, r) for a in oof.decided for d, r in zip(a.decisions, a.right,
                                                                     strict=True)]
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            rows.append({"from": lo, "to": hi, "n": len(inside),
                         "predicted": round(float(np.mean([c for c, _ in inside])), DIGITS),
                         "observed": round(float(np.mean([r for _, r in inside])), DIGITS)})
    return rows


def oof_analyses(parsed: Sequence[Parsed], pending: Sequence[Sequence[Any]]) -> list[Analysis]:
    """The out-of-fold quotes as analyses (speakers resolved), for the gold scorer."""
    out = []
    for p, quotes in zip(parsed, pending, strict=True):
        found, events = finish(p.doc, list(quotes))
        out.append(dataclasses.replace(p.doc.item, quotes=found, events=events))
    return out


# --------------------------------------------------------------------------- the command


@dataclass
class QuoteTrainReport:
    name: str
    threshold: float
    direct: str
    scores: dict[str, Any]  # the gold scorer's out-of-fold figures: "all" and each kind
    rules: dict[str, Any]  # the rules' figures on the same file, for comparison
    curve: list[dict[str, float]]
    reliability: list[dict[str, float]]
    examples: dict[str, int]
    params: dict[str, Any]
    gold: list[str]
    seconds: float = 0.0
    created: str = field(default_factory=lambda: dt.date.today().isoformat())


def choose_threshold(rows: Sequence[dict[str, float]], tie: float = 0.002) -> float:
    top = max(r["f1"] for r in rows)
    return min(r["threshold"] for r in rows if r["f1"] >= top - tie)


KINDS = (None, "direct", "indirect", "mixed")


def gold_scores(paths: Sequence[Path], parsed: Sequence[Parsed], analyses: Sequence[Analysis],
                scorer: Path, kinds: Sequence[str | None] = KINDS) -> dict[str, Any]:
    """The gold scorer's figures of ``analyses`` (one per parsed article), per gold file and
    kind: ``{file: {"all" | kind: scores}}``."""
    from thucydides.eval.quotes import evaluate

    out: dict[str, Any] = {}
    for path in paths:
        ids = {str(r["id"]) for r in read_gold(path)}
        mine = [a for a, p in zip(analyses, parsed, strict=True) if p.gold.id in ids]
        out[path.name] = {kind or "all": _figures(evaluate(mine, path, scorer, kind=kind))
                          for kind in kinds}
    return out


def _figures(scores: dict[str, Any]) -> dict[str, Any]:
    """The scorer's figures without the (temporary) files it names: the model file records
    them, and the same gold gives the same file."""
    return {k: v for k, v in scores.items() if k not in ("gold_file", "pred_file")}


def train_quotes(gold: Sequence[str | Path], out: str | Path, coder: Coder,
                 name: str = "quotes.v2", params: Params | None = None, k: int = 5,
                 scorer: str | Path | None = None, progress: Progress | None = None,
                 ) -> QuoteTrainReport:
    """Train the attribution model on gold quote files; write it to ``out``; return the
    out-of-fold report. ``coder`` parses the gold (its quotes stage is not run); ``scorer``:
    the gold folder's quote scorer (default: beside the first gold file's folder)."""
    import time

    start = time.perf_counter()
    params = params or Params()
    say = progress or (lambda _msg: None)
    paths = [Path(p) for p in gold]
    if not paths:
        raise ThucydidesError(Err.E314, detail="no gold files given")
    scorer = Path(scorer) if scorer else default_scorer(paths[0], SCORER)
    lexicon = coder.resources.cues
    finder = QuoteFinder(lexicon, coder.resources.agent_words)
    articles = read_quotes(paths)
    say(f"parsing {len(articles)} gold articles")
    parsed = parse(coder, finder, articles)
    every = cue_words(parsed, lexicon, 1)
    per_article = [examples(p, lexicon, every) for p in parsed]
    say(f"cross-validating ({k} folds)")
    oof = out_of_fold(parsed, per_article, lexicon, params, k, name, say)
    rows = curve(parsed, oof, lexicon)
    best = choose_threshold(rows)
    pending = oof_pending(parsed, oof, lexicon, best)
    analyses = oof_analyses(parsed, pending)
    say("scoring out of fold")
    scores = gold_scores(paths, parsed, analyses, scorer)
    rules = [dataclasses.replace(p.doc.item, quotes=finish(p.doc, list(p.pending))[0])
             for p in parsed]
    rule_scores = gold_scores(paths, parsed, rules, scorer, (None, "direct"))
    say("fitting the final model")
    everything = Examples()
    for e in per_article:
        everything.extend(e)
    words = cue_words(parsed, lexicon, params.cue_word_min)
    model = fit(everything, words, params, name, fit_calibrator(oof.decided, params.seed), best)
    report = QuoteTrainReport(
        name, best, params.direct, scores, rule_scores, rows, reliability(oof),
        {"articles": len(parsed), "gold_quotes": sum(len(p.gold.quotes) for p in parsed),
         "cue_examples": len(everything.cues), "cue_positives": sum(everything.labels),
         "content_rankings": len(everything.contents),
         "speaker_rankings": len(everything.speakers), "unaligned": everything.unaligned,
         "cue_words": len(words)},
        {**asdict(params), "folds": k}, [p.name for p in paths])
    stored = {k: v for k, v in asdict(report).items() if k != "seconds"}  # the file: deterministic
    save(dataclasses.replace(model, meta={**model.meta, "report": stored}), out)
    report.seconds = round(time.perf_counter() - start, 1)
    return report
