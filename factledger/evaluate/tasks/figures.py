"""``--task figures``: casualty figures against per-report gold (issue 3).

Per report, a predicted figure matches a gold figure when kind, group, qualifier and value (or low
and high) agree and both sit on the report's primary incident (predicted mention 0, gold incident
listed first) or both on another incident. Matching is one-to-one; among equal keys the gold figure
whose evidence stands nearest the predicted number is taken. Gold figures marked optional count
neither way: a prediction matching one is dropped from precision, a miss of one from recall.

``headline_exact``: per report, the headline killed and the headline injured (group all, status
current, primary incident) each equal one of the gold's current values for it, or both are absent.

On folders without figure gold (gva-dev), ``incidents_with_matching_report``: the share of gold
incidents for which some report (primary incident) gives a headline killed equal to the incident's
``killed``; ``..._injured`` the same for injured. A report without a headline figure counts as 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from factledger.evaluate.baselines.figures_regex import regex_figures
from factledger.evaluate.baselines.figures_spacy import spacy_figures
from factledger.evaluate.context import EvalContext
from factledger.evaluate.data import EvalDocument, GoldFigure
from factledger.evaluate.metrics import prf, ratio
from factledger.extract.headline import headline_figure
from factledger.models import Figure, FigureKind

__all__ = ["FigureScore", "match_figures", "run", "score_documents"]

Key = tuple[str, str, str, int | None, int | None, int | None, bool]
Predictor = Callable[[EvalDocument], list[Figure]]


def _qualifier(qualifier: str, low: int | None) -> str:
    # A stated range is told by its bounds; gold writes its qualifier as "exact".
    return "exact" if qualifier == "range" and low is not None else qualifier


def _pred_key(f: Figure) -> Key:
    qualifier = _qualifier(f.qualifier.value, f.low)
    return (f.kind.value, f.group, qualifier, f.value, f.low, f.high, f.mention == 0)


def _gold_key(g: GoldFigure, primary: str | None) -> Key:
    return (g.kind, g.group, _qualifier(g.qualifier, g.low), g.value, g.low, g.high, g.incident == primary)


def _gold_positions(text: str, gold: Sequence[GoldFigure]) -> list[int]:
    used: dict[str, int] = {}
    positions: list[int] = []
    for g in gold:
        at = text.find(g.evidence, used.get(g.evidence, 0)) if g.evidence else -1
        if at < 0 and g.evidence:
            at = text.find(g.evidence)
        used[g.evidence] = at + 1 if at >= 0 else 0
        positions.append(at if at >= 0 else len(text))
    return positions


@dataclass
class FigureScore:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    party_ok: int = 0
    status_ok: int = 0
    headline_ok: int = 0
    headline_n: int = 0

    def metrics(self) -> dict[str, Any]:
        p = prf(self.tp, self.n_pred, self.n_gold)
        return {
            "headline_exact": ratio(self.headline_ok, self.headline_n),
            "figure_precision": p["precision"],
            "figure_recall": p["recall"],
            "figure_f1": p["f1"],
            "party_accuracy": ratio(self.party_ok, self.tp),
            "status_accuracy": ratio(self.status_ok, self.tp),
        }


def match_figures(
    text: str, predicted: Sequence[Figure], gold: Sequence[GoldFigure], primary: str | None
) -> tuple[list[tuple[Figure, GoldFigure]], int, int]:
    """One-to-one matches, and the number of predicted and gold figures that count."""
    positions = _gold_positions(text, gold)
    open_gold = list(range(len(gold)))
    pairs: list[tuple[Figure, GoldFigure]] = []
    unmatched: list[Figure] = []
    for f in sorted(predicted, key=lambda f: f.number.start):
        key = _pred_key(f)
        candidates = [i for i in open_gold if not gold[i].optional and _gold_key(gold[i], primary) == key]
        if not candidates:
            unmatched.append(f)
            continue
        best = min(candidates, key=lambda i: abs(positions[i] - f.number.start))
        open_gold.remove(best)
        pairs.append((f, gold[best]))
    optional_keys = {_gold_key(g, primary) for g in gold if g.optional}
    n_pred = len(pairs) + sum(1 for f in unmatched if _pred_key(f) not in optional_keys)
    n_gold = sum(1 for g in gold if not g.optional)
    return pairs, n_pred, n_gold


def _value(f: Figure | GoldFigure | None) -> tuple[Any, ...] | None:
    if f is None:
        return None
    if f.value is None and f.low is None:
        qualifier = f.qualifier if isinstance(f.qualifier, str) else f.qualifier.value
        return ("vague", qualifier)
    return (f.value, f.low, f.high)


def _headline_ok(predicted: Sequence[Figure], gold: Sequence[GoldFigure], primary: str | None) -> bool:
    for kind in (FigureKind.KILLED, FigureKind.INJURED):
        ours = _value(headline_figure(predicted, kind))
        theirs = {
            _value(g)
            for g in gold
            if g.kind == kind.value and g.group == "all" and g.status == "current" and g.incident == primary
        }
        if ours is None and not theirs:
            continue
        if ours not in theirs:
            return False
    return True


def score_documents(documents: Sequence[EvalDocument], predict: Predictor) -> FigureScore:
    score = FigureScore()
    for d in documents:
        if d.figures is None:
            continue
        predicted = predict(d)
        pairs, n_pred, n_gold = match_figures(d.article.text, predicted, d.figures, d.primary_incident)
        score.tp += len(pairs)
        score.n_pred += n_pred
        score.n_gold += n_gold
        score.party_ok += sum(1 for f, g in pairs if f.party.value == g.party)
        score.status_ok += sum(1 for f, g in pairs if f.status.value == g.status)
        score.headline_n += 1
        score.headline_ok += _headline_ok(predicted, d.figures, d.primary_incident)
    return score


def _incident_matches(ctx: EvalContext) -> dict[str, Any]:
    reports = ctx.reports()
    killed: dict[str, bool] = {}
    injured: dict[str, bool] = {}
    for d in ctx.folder.documents:
        inc = ctx.folder.incidents.get(d.primary_incident or "")
        if inc is None:
            continue
        figures = reports[d.doc_id].figures
        for kind, gold_value, seen in (
            (FigureKind.KILLED, inc.killed, killed),
            (FigureKind.INJURED, inc.injured, injured),
        ):
            if gold_value is None:
                continue
            top = headline_figure(figures, kind)
            ours = 0 if top is None else top.value
            seen[inc.incident_id] = seen.get(inc.incident_id, False) or ours == gold_value
    return {
        "documents": len(ctx.folder.documents),
        "incidents": len(killed),
        "incidents_with_matching_report": ratio(sum(killed.values()), len(killed)),
        "incidents_with_matching_report_injured": ratio(sum(injured.values()), len(injured)),
    }


def run(ctx: EvalContext) -> dict[str, Any]:
    documents = [d for d in ctx.folder.documents if d.figures is not None]
    if not documents:
        return _incident_matches(ctx)
    reports = ctx.reports(documents)
    docs: dict[str, Doc] = ctx.parsed(documents)
    ours = score_documents(documents, lambda d: list(reports[d.doc_id].figures))
    regex = score_documents(documents, lambda d: regex_figures(d.article.text))
    dep = score_documents(documents, lambda d: spacy_figures(docs[d.doc_id]))
    return {
        "documents": len(documents),
        **ours.metrics(),
        "baselines": {"regex": regex.metrics(), "spacy_dep": dep.metrics()},
    }
