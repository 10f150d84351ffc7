"""The model card written beside a trained attribution model, and the report printed by
``train quotes``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thucydides.train.card import curve_table, reliability_table, write_text
from thucydides.train.quotes import QuoteTrainReport

SOURCES = {
    "polnear": "PolNeAR (Newell et al., LREC 2018): political news attribution relations, "
               "speaker, cue and content spans; research use",
}
FEATURES = """\
- Cue (binary logistic regression over every verb, colon, "according to" and the nouns and
  adjectives the training gold often has as cues): lemma, part of speech, tag, dependency label
  and their pairs; the cue lexicon's class; the head and its label; neighbouring words; the
  cue's dependents (labels, prepositions, auxiliaries, the words of its objects and clauses);
  its subject (kind, entity type, actor-like); voice; whether it sits inside quotation marks;
  whether the rules took it as a cue and for what kind of quote.
- Content (a ranker over the cue's candidates: its clauses and phrases, the clause it
  interrupts, the rest of the sentence on either side, what the rules found): how each was
  found, with the cue's lemma, class and label; length, side, parts; first and last words; the
  punctuation around; how much of each dependent of the cue it covers; quotation marks, and
  whether a marked quote reads as a sentence of its own or is a quoted phrase.
- Speaker (a ranker over the sentence's noun phrases and "none"): the dependency path from the
  cue, with its lemma and class; side and distance; part of speech, entity type, label; whether
  it is an actor mention or an agent word; whether the rules chose it; for "none": voice,
  subject, class.
- Calibrator (logistic, fitted on out-of-fold decisions): the cue's and the chosen content's
  log-odds, the content's margin over the next candidate, the chosen speaker's log-odds."""


def _fig(d: dict[str, Any]) -> str:
    c = d["content"]
    return (f"{c['precision']:.3f} | {c['recall']:.3f} | **{c['f1']:.3f}** | "
            f"{d['speaker_accuracy']} | {d['cue_accuracy']}")


def _rows(scores: dict[str, Any], who: str) -> list[str]:
    return [f"| {file} | {kind} | {who} | {_fig(d)} |"
            for file, kinds in scores.items() for kind, d in kinds.items()]


def card(report: QuoteTrainReport) -> str:
    sets = sorted({key for key in SOURCES for g in report.gold if key in g})
    params = ", ".join(f"{k}={v}" for k, v in sorted(report.params.items()))
    ex = report.examples
    return "\n".join([
        f"# Model card: {report.name}",
        "",
        "The quotes stage's attribution model: over each sentence the rules and the parser "
        "read, which words are attribution cues, the content and the speaker of each, and a "
        "calibrated confidence that the quote is right. Direct quotes in quotation marks are "
        f"decided by the {'rules' if report.direct == 'rules' else 'model'}. See docs/quotes.md.",
        "",
        f"Built {report.created} by `thucydides train quotes {' '.join(report.gold)}` (seed "
        f"{report.params['seed']}, deterministic); parameters: {params}.",
        "",
        "## Training data",
        "",
        *[f"- {SOURCES[key]}" for key in sets],
        "",
        f"{ex['articles']} articles, {ex['gold_quotes']} gold quotes; {ex['cue_examples']} cue "
        f"candidates ({ex['cue_positives']} cues), {ex['content_rankings']} content and "
        f"{ex['speaker_rankings']} speaker rankings; {ex['unaligned']} gold cues headed no "
        f"candidate; {ex['cue_words']} nouns and adjectives taken as cue candidates.",
        "",
        "## Features",
        "",
        FEATURES,
        "",
        "## Out-of-fold figures",
        "",
        f"{report.params.get('folds', 5)}-fold cross-validation, folds grouped by article; each "
        "article decided by a model that never saw it, its confidence by a calibrator fitted on "
        "the other folds; scored by the gold folder's scorer (one unit per quote, no "
        "`--split-parts`), all quotes and each kind alone (`thucydides eval --quote-kind`). "
        "The rules' figures on the same articles are beside them. PolNeAR dev "
        "(`quotes_polnear_dev.jsonl`) is never used here: it is the reported, gated figure "
        "(tests/eval_floors.json).",
        "",
        f"At the default threshold {report.threshold}:",
        "",
        "| file | quotes | decided by | content P | R | F1 | speaker acc. | cue acc. |",
        "|---|---|---|---|---|---|---|---|",
        *_rows(report.scores, "model"),
        *_rows(report.rules, "rules"),
        "",
        "## The threshold",
        "",
        "Content P/R/F1 at each threshold, out of fold (the project's own matching, the "
        "scorer's rule). The default is the lowest threshold within 0.002 of the best F1:",
        "",
        *curve_table(report.curve, "threshold", "quotes kept"),
        "",
        *reliability_table(report.reliability),
        "",
        "## Limits",
        "",
        "- One corpus (US political news, 2016); PolNeAR marks belief and evidence as "
        "attributions too, so the model finds them; `quote_attributions` chooses what is "
        "emitted.",
        "- The confidence is that the content matches a gold content; it says nothing of the "
        "speaker.",
        "- Only sentences the parser reads (sentence triage) are considered.",
        "",
    ])


def write_card(report: QuoteTrainReport, model_path: str | Path) -> Path:
    return write_text(card(report), model_path)


def format_report(report: QuoteTrainReport) -> str:
    lines = [f"{report.name}: threshold {report.threshold} (out of fold; direct quotes: "
             f"{report.direct})"]
    for who, scores in (("model", report.scores), ("rules", report.rules)):
        for file, kinds in scores.items():
            for kind, d in kinds.items():
                c = d["content"]
                lines.append(f"  {who:<6} {file:<28} {kind:<9} content P {c['precision']:.3f} "
                             f"R {c['recall']:.3f} F1 {c['f1']:.3f}  speaker "
                             f"{d['speaker_accuracy']}  cue {d['cue_accuracy']}")
    return "\n".join(lines)
