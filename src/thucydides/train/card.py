"""The model card written beside a trained model, and the report printed by ``train events``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from thucydides.train.events import FileScore, TrainReport

# What is known of each gold set's origin and licence (the gold folder's README).
SOURCES = {
    "plv": "PLV (Zero-Shot-PLOVER, Hu et al., ACL 2024): PLOVER labels and actor spans; "
           "no licence stated",
    "conflibert": "ConfliBERT CAMEO data (Multi-CoPED, Parolin et al. 2022): penta labels, "
                  "actor spans on part; research use",
    "cameo_multirater": "CAMEO_ConfliBERT multi-rater annotations: CAMEO roots (majority of "
                        ">= 2 raters) and actor spans; research use",
}
FEATURES = """\
- Category classifier (multinomial logistic regression; classes = a CAMEO root with its PLOVER
  category, plus "none"): the rule's code, root, class and pattern id; the complement family;
  trigger and predicate lemmas; part of speech and dependency label of the predicate; negation,
  modality, voice; whether the candidate is reported speech or reports another; the object
  lemma and prepositions; the kinds of the rule's source and target (state, person, agent,
  pronoun, common noun, ...); lemmas within two words of the trigger; the other candidates'
  roots; the sentence's lemma uni- and bigrams (sublinear TF-IDF). Nothing about where the
  candidate sits: that is the salience ranker's.
- Source and target rankers (binary logistic regressions over the sentence's noun phrases and
  "none"): the dependency path from the trigger, with the rule's root and the voice; side and
  distance; the phrase's kind, part of speech, entity type, lemma, dependency label and
  governing preposition; whether the rule chose it (for this role or the other); pronoun, time,
  dateline, all-capitals and city flags; for the target, whether it is coordinated with the
  chosen source.
- Salience ranker (for `main_event`): the candidate's depth, dependency label, part of speech,
  order, family, modality, negation and reporting relations.
- Calibrator (logistic, fitted on the out-of-fold decisions whose truth the gold knows): the
  chosen class's, its PLOVER category's and the event's log-odds; the chosen source's and
  target's probability (a coordination or overlapping phrases counted as one choice); no
  source, no target; whether each names an actor of the knowledge base."""


def _row(s: FileScore) -> str:
    mode = "main_event" if s.main_event else "every event"
    return (f"| {s.file} | {s.level} ({s.compound}) | {mode} | {s.precision:.3f} | "
            f"{s.recall:.3f} | **{s.f1:.3f}** | {s.category_f1:.3f} |")


def _table(scores: list[FileScore]) -> list[str]:
    return ["| file | level (compound) | events | P | R | F1 | category-only F1 |",
            "|---|---|---|---|---|---|---|", *map(_row, scores)]


def card(report: TrainReport) -> str:
    sets = sorted({key for key in SOURCES for g in report.gold if key in g})
    lines = [
        f"# Model card: {report.name}",
        "",
        "The decision layer of the events stage: over each candidate the rules propose, class "
        "probabilities (CAMEO root with its PLOVER category, or none), a source and a target "
        "chosen among the sentence's noun phrases, and a calibrated confidence that a trained "
        "coder would record the triple. See docs/model.md.",
        "",
        f"Built {report.created} by `thucydides train events {' '.join(report.gold)}` "
        f"(seed {report.params['seed']}, deterministic); parameters: "
        + ", ".join(f"{k}={v}" for k, v in sorted(report.params.items())) + ".",
        "",
        "## Training data",
        "",
        *[f"- {SOURCES[key]}" for key in sets],
        "",
        f"{report.examples['records']} records, {report.examples['candidates']} candidates, "
        f"{report.examples['rankings']} ranking examples; "
        f"{report.examples['unaligned_gold_events']} gold events had no candidate.",
        "",
        "## Features",
        "",
        FEATURES,
        "",
        "## Out-of-fold figures",
        "",
        "5-fold cross-validation, folds grouped by normalised sentence text; each record decided "
        "by a model that never saw it, its confidence by a calibrator fitted on the other "
        "folds; scored by the gold folder's scorer (`--negated drop`). These are the only "
        "figures to quote: scoring the shipped model on the same files is in-sample.",
        "",
        f"At the default `min_confidence` {report.threshold} (see below), each "
        "file under its own convention: `main_event` (the most salient event of each sentence) "
        "for the files that label one event per sentence (PLV, ConfliBERT), every event for the "
        "multi-rater set, which labels them all:",
        "",
        *_table(report.files),
        "",
        "With the default settings (every event above the threshold) on every file:",
        "",
        *_table(report.every_event),
        "",
        "## The threshold",
        "",
        "Every decision kept at each threshold, out of fold (precision over the decisions whose "
        "truth the gold knows; recall over the gold events). The default is the lowest "
        "threshold within 0.002 of the best F1:",
        "",
        *curve_table(report.curve, "min_confidence", "events kept"),
        "",
        *reliability_table(report.reliability),
        "",
        "## Limits",
        "",
        "- The gold sentences are single sentences with one main event each; on news, most "
        "sentences hold none, and the confidence is calibrated on gold sentences only.",
        "- A held-out set from other sources decides; these dev figures guide.",
        "",
    ]
    return "\n".join(lines)


def curve_table(curve: Sequence[Mapping[str, Any]], threshold: str, kept: str) -> list[str]:
    """The markdown rows of a threshold curve (P/R/F1 and how many are kept at each)."""
    return [f"| {threshold} | P | R | F1 | {kept} |", "|---|---|---|---|---|",
            *[f"| {r['threshold']:.2f} | {r['precision']:.3f} | {r['recall']:.3f} | "
              f"{r['f1']:.3f} | {r['kept']} |" for r in curve]]


def reliability_table(reliability: Sequence[Mapping[str, Any]]) -> list[str]:
    """The card's reliability section: decisions per confidence bin, predicted vs observed."""
    return ["## Reliability (out of fold)", "",
            "| confidence | decisions | mean predicted | observed correct |", "|---|---|---|---|",
            *[f"| {r['from']:.1f}-{r['to']:.1f} | {r['n']} | {r['predicted']:.3f} | "
              f"{r['observed']:.3f} |" for r in reliability]]


def write_text(text: str, model_path: str | Path) -> Path:
    """Write a model's card beside it (the model file's name with ``.md``)."""
    path = Path(model_path).with_suffix(".md")
    path.write_text(text, encoding="utf-8")
    return path


def write_card(report: TrainReport, model_path: str | Path) -> Path:
    return write_text(card(report), model_path)


def format_report(report: TrainReport) -> str:
    lines = [f"{report.name}: min_confidence {report.threshold} (out-of-fold)"]
    for s in [*report.files, *report.every_event]:
        mode = "main_event" if s.main_event else "every"
        lines.append(f"  {s.file:<34} {s.level:<10} {mode:<10} P {s.precision:.3f}  "
                     f"R {s.recall:.3f}  F1 {s.f1:.3f}  category-only {s.category_f1:.3f}")
    return "\n".join(lines)
