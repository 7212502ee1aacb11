"""Quotes and speakers against attribution gold (PolNeAR-style ``attributions.jsonl``).

Gold: one row per attribution with ``content`` (spans), ``source`` (speaker spans, sometimes
missing) and ``annotator``. Rules, applied identically to factledger and the baseline:

- **Documents**: when ``documents.jsonl`` carries a ``split`` field with ``dev`` documents, only those
  are scored: the rules were studied on the other (train) documents, so dev is the held-out part.
  A folder without splits is scored whole. ``run(ctx, split="all")`` scores everything.
- **Annotators**: some documents were annotated by several people and their rows repeat. Per
  document the annotator with the most rows is kept (ties: the smallest annotator id), so no
  attribution counts twice and each document has one consistent reading.
- **Direct**: an attribution is direct when at least half of its content's non-space characters lie
  inside quotation marks (marks included; regions found by
  :func:`factledger.extract.quotes.marks.find_quoted_regions`). The same rule classifies predicted
  attributions, so a reported clause that is mostly a quote counts as direct on both sides.
  Partial quotes (fragments inside a reported clause) are not scored on their own: the clause is.
  Parts of one quote split by its attribution (same cue) form one predicted attribution, from
  the first part's start to the last part's end.
- **Match**: a prediction matches a gold attribution when it covers at least half of the gold
  content's characters; matching is one-to-one, largest coverage first.
- **Speaker recall** (``speaker_recall``, ``direct_speaker_recall``): attributions found with the right
  speaker over all gold attributions that have a source. Speaker accuracy alone is measured over each
  system's own matches, so a system that finds only the easy quotes scores high on it; the recall
  counts the quotes a system never found as speakers it did not give.
- **Speaker**: over matched attributions whose gold has a source, the predicted speaker is right when
  its span overlaps the gold source span, or when it names the same person (equal
  :func:`~factledger.extract.names.person_key`) as the gold source, or, when the gold source is a
  pronoun, as the nearest preceding named gold source of the same document. For factledger the
  person is the resolved ``speaker_key``; for textacy, the key of its speaker text when that is a
  name (textacy does not resolve pronouns).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from factledger.evaluate.baselines.textacy_quotes import textacy_quotes
from factledger.evaluate.context import EvalContext
from factledger.evaluate.data import EvalDocument
from factledger.evaluate.metrics import prf, ratio
from factledger.extract.names import person_key
from factledger.extract.quotes.marks import find_quoted_regions
from factledger.models import Quote, QuoteKind

__all__ = ["run"]

log = logging.getLogger(__name__)

_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "i",
        "we",
        "you",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "us",
        "me",
        "who",
        "which",
        "that",
    ]
)


@dataclass(frozen=True)
class _Attr:
    chars: frozenset[int]
    speaker: frozenset[int]
    """Characters of the speaker span (empty when unknown)."""
    speaker_key: str | None = None
    """Resolved person key (predictions) or the referent's key of a pronoun source (gold)."""
    pronoun: bool = False


def _chars(spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in range(s, e))


def _quoted_chars(text: str) -> frozenset[int]:
    return frozenset(i for r in find_quoted_regions(text) for i in range(r.open_mark, r.close_mark))


def _is_direct(chars: frozenset[int], text: str, quoted: frozenset[int]) -> bool:
    visible = [i for i in chars if i < len(text) and not text[i].isspace()]
    return bool(visible) and sum(1 for i in visible if i in quoted) * 2 >= len(visible)


def _load_gold(ctx: EvalContext, doc_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    path = ctx.folder.attributions_path
    rows: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    if path is None:
        return {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            doc_id = str(row.get("doc_id"))
            if doc_id in doc_ids:
                rows[doc_id][str(row.get("annotator") or "")].append(row)
    chosen: dict[str, list[dict[str, Any]]] = {}
    for doc_id, by_annotator in rows.items():
        annotator = min(by_annotator, key=lambda a: (-len(by_annotator[a]), a))
        chosen[doc_id] = by_annotator[annotator]
    return chosen


def _spans(part: Any) -> list[tuple[int, int]]:
    if not isinstance(part, dict):
        return []
    return [(int(s), int(e)) for s, e in part.get("spans") or []]


def _name_key(text: str) -> str | None:
    """Person key of a speaker written as a name ("Sen. Marco Rubio" -> "rubio"), else None."""
    words = [w for w in text.split() if w.isalpha()]
    if not words or not all(w[:1].isupper() for w in words[-2:]):
        return None
    return person_key(text) or None


def _gold_attrs(rows: list[dict[str, Any]], text: str) -> list[_Attr]:
    ordered = sorted(rows, key=lambda r: min((s for s, _ in _spans(r.get("content"))), default=0))
    attrs: list[_Attr] = []
    last_named: str | None = None
    for row in ordered:
        content = _spans(row.get("content"))
        if not content:
            continue
        source = _spans(row.get("source"))
        source_text = " ".join(text[s:e] for s, e in source).strip()
        pronoun = source_text.casefold() in _PRONOUNS
        key = last_named if pronoun else _name_key(source_text)
        if key is not None and not pronoun:
            last_named = key
        attrs.append(_Attr(_chars(content), _chars(source), key, pronoun))
    return attrs


def _pred_attrs(quotes: list[Quote]) -> tuple[list[_Attr], list[bool]]:
    """Predicted attributions; DIRECT parts sharing a cue are one. Second value: kind is DIRECT."""
    groups: dict[tuple[object, ...], list[Quote]] = {}
    for i, q in enumerate(quotes):
        if q.kind == QuoteKind.PARTIAL:
            continue
        if q.kind == QuoteKind.DIRECT and q.cue_span is not None:
            key: tuple[object, ...] = ("direct", q.cue_span.start)
        else:
            key = ("single", i)
        groups.setdefault(key, []).append(q)
    attrs: list[_Attr] = []
    direct: list[bool] = []
    for parts in groups.values():
        first = parts[0]
        speaker = first.speaker_span
        speaker_key = first.speaker_key.split()[-1] if first.speaker_key else None
        # Parts of a quote split by its attribution: gold marks them as one span or as several, so
        # the prediction covers from the first part to the last.
        attrs.append(
            _Attr(
                _chars([(min(p.span.start for p in parts), max(p.span.end for p in parts))]),
                _chars([(speaker.start, speaker.end)]) if speaker else frozenset(),
                speaker_key,
            )
        )
        direct.append(first.kind == QuoteKind.DIRECT)
    return attrs, direct


def _match(pred: list[_Attr], gold: list[_Attr]) -> list[tuple[int, int]]:
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            cover = len(g.chars & p.chars) / len(g.chars)
            if cover >= 0.5:
                pairs.append((cover, pi, gi))
    pairs.sort(key=lambda t: -t[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        matched.append((pi, gi))
    return matched


def _speaker_ok(p: _Attr, g: _Attr) -> bool:
    if p.speaker & g.speaker:
        return True
    # The same named person written elsewhere (the gold marks one mention, the system another), or
    # the person a gold pronoun stands for.
    return g.speaker_key is not None and p.speaker_key == g.speaker_key


class _Score:
    def __init__(self) -> None:
        self.direct = [0, 0, 0]  # tp, pred, gold
        self.all = [0, 0, 0]
        self.speaker = [0, 0]  # right, judged
        self.direct_speaker = [0, 0]
        self.sourced = [0, 0]  # gold attributions with a source: all, direct

    def add(
        self, pred: list[_Attr], direct_pred: list[bool], gold: list[_Attr], direct_gold: list[bool]
    ) -> None:
        dp = [p for p, d in zip(pred, direct_pred, strict=True) if d]
        dg = [g for g, d in zip(gold, direct_gold, strict=True) if d]
        dm = _match(dp, dg)
        self.direct = [self.direct[0] + len(dm), self.direct[1] + len(dp), self.direct[2] + len(dg)]
        am = _match(pred, gold)
        self.sourced[0] += sum(1 for g in gold if g.speaker)
        self.sourced[1] += sum(1 for g in dg if g.speaker)
        self.all = [self.all[0] + len(am), self.all[1] + len(pred), self.all[2] + len(gold)]
        for matches, pool_p, pool_g, tally in (
            (am, pred, gold, self.speaker),
            (dm, dp, dg, self.direct_speaker),
        ):
            for pi, gi in matches:
                if pool_g[gi].speaker:
                    tally[1] += 1
                    tally[0] += _speaker_ok(pool_p[pi], pool_g[gi])

    def result(self) -> dict[str, Any]:
        d = prf(*self.direct)
        a = prf(*self.all)
        return {
            "direct_precision": d["precision"],
            "direct_recall": d["recall"],
            "direct_f1": d["f1"],
            "all_precision": a["precision"],
            "all_recall": a["recall"],
            "all_f1": a["f1"],
            "speaker_accuracy": ratio(*self.speaker),
            "direct_speaker_accuracy": ratio(*self.direct_speaker),
            "speaker_recall": ratio(self.speaker[0], self.sourced[0]),
            "direct_speaker_recall": ratio(self.direct_speaker[0], self.sourced[1]),
            "gold_direct": self.direct[2],
            "gold_all": self.all[2],
        }


def _select(documents: list[EvalDocument], split: str | None) -> tuple[list[EvalDocument], str]:
    splits = {str(d.raw.get("split")) for d in documents if d.raw.get("split")}
    if split is None:
        split = "dev" if "dev" in splits else "all"
    if split == "all":
        return documents, split
    return [d for d in documents if d.raw.get("split") == split], split


def run(ctx: EvalContext, split: str | None = None) -> dict[str, Any]:
    documents, used = _select(ctx.folder.documents, split)
    gold_rows = _load_gold(ctx, {d.doc_id for d in documents})
    documents = [d for d in documents if d.doc_id in gold_rows]
    reports = ctx.reports(documents)
    parsed = ctx.parsed(documents)
    ours, base = _Score(), _Score()
    refused = 0
    for d in documents:
        text = d.article.text
        quoted = _quoted_chars(text)
        gold = _gold_attrs(gold_rows[d.doc_id], text)
        gold_direct = [_is_direct(g.chars, text, quoted) for g in gold]
        pred, kind_direct = _pred_attrs(list(reports[d.doc_id].quotes))
        pred_direct = [k or _is_direct(p.chars, text, quoted) for p, k in zip(pred, kind_direct, strict=True)]
        ours.add(pred, pred_direct, gold, gold_direct)
        found, bailed = textacy_quotes(parsed[d.doc_id])
        refused += bailed
        b_pred = [
            _Attr(
                _chars([(q.start, q.end)]),
                _chars([(q.speaker_start, q.speaker_end)])
                if q.speaker_start is not None and q.speaker_end
                else frozenset(),
            )
            for q in found
        ]
        base.add(b_pred, [True] * len(b_pred), gold, gold_direct)
    baseline = base.result()
    baseline["documents_refused"] = refused
    return {"documents": len(documents), "split": used, **ours.result(), "baselines": {"textacy": baseline}}
