"""The ``factledger_figures`` component: every casualty figure of a report, sourced.

Reads ``doc._.quantities`` (numbers component), ``doc._.actors`` and ``doc._.events`` when present.
Sets ``doc._.figures`` (list[:class:`~factledger.models.Figure`]) and, parallel to it,
``doc._.figure_cues``: the index in ``doc._.events`` of the event a figure is about (the trigger
its casualty word hangs on, e.g. "strike" in "a strike killed 18 people"), or None, in which case
the mentions component places it by sentence. ``Figure.mention`` is left at 0 for that component.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from factledger.extract import extensions as _extensions  # noqa: F401  (declares the attributes)
from factledger.extract.extensions import doc_list, sentence_of, sentences
from factledger.extract.figures.anchor import Anchor, anchor_quantity, cue_map, is_excluded_number
from factledger.extract.figures.attribution import SourceFinder
from factledger.extract.figures.lexicon import figure_lexicon
from factledger.extract.figures.scope import event_index, is_condition_subset, is_cumulative
from factledger.extract.figures.singles import single_children, single_victims
from factledger.extract.figures.status import figure_status, settle_earlier
from factledger.extract.figures.title import for_parsing, is_in_text, title_gaps
from factledger.extract.numbers import Quantity, find_quantities
from factledger.models import Figure, FigureKind, Party, Qualifier, TextSpan

__all__ = ["FiguresComponent", "make_figures"]

log = logging.getLogger(__name__)

_HEADLINE_WORDS = 25


@dataclass
class _Draft:
    span: Span
    quantity: Quantity
    anchor: Anchor
    kind: FigureKind
    vague_cue: int | None = None
    """The vague cue a sharper word replaced ("shot" in "fatally shot"): still part of the evidence."""


def _quantities(doc: Doc) -> list[Span]:
    spans: list[Span] | None = doc._.quantities
    if spans is not None:
        return spans
    found: list[Span] = []
    for sent in sentences(doc):
        for q in find_quantities([t.text for t in sent]):
            span = doc[sent.start + q.start : sent.start + q.end]
            span._.quantity = q
            found.append(span)
    return found


def _resolve_nested(drafts: list[_Draft], cues: dict[int, FigureKind]) -> list[_Draft]:
    """Give nested figures ("including six children") the kind of the figure they sit in."""
    resolved: list[_Draft] = []
    for draft in drafts:
        parent = draft.anchor.parent
        if parent is None:
            resolved.append(draft)
            continue
        sent = sentence_of(draft.span)
        outer = None
        for other in resolved:
            if other.anchor.parent is not None or sentence_of(other.span) != sent:
                continue
            tokens = {other.span.root.i, other.span.root.head.i}
            if other.anchor.cue is not None:
                tokens.add(other.anchor.cue)
            if parent in tokens or other.span.start <= parent < other.span.end:
                outer = other
        if outer is None:
            earlier = [o for o in resolved if sentence_of(o.span) == sent and o.span.start < draft.span.start]
            outer = earlier[-1] if earlier else None
        if outer is None and parent in cues:
            draft.kind = cues[parent]
            draft.anchor = Anchor(cues[parent], draft.anchor.group, parent)
            resolved.append(draft)
            continue
        if outer is None:
            continue
        draft.kind = outer.kind
        draft.anchor = Anchor(outer.kind, draft.anchor.group, outer.anchor.cue, parent=parent)
        resolved.append(draft)
    return resolved


_SHARPENING_DEPS = frozenset({"advmod", "acomp", "oprd", "xcomp", "conj"})


def _sharpened(draft: _Draft, cues: dict[int, FigureKind]) -> _Draft:
    """ "shot" counts the hit, dead or alive; "shot dead", "fatally shot", "shot and wounded" say
    which: the figure takes the kind of the word that sharpens its vague cue."""
    cue = draft.anchor.cue
    if draft.kind != FigureKind.CASUALTIES or cue is None:
        return draft
    token = draft.span.doc[cue]
    if token.pos_ not in ("VERB", "AUX"):
        return draft
    for child in token.children:
        kind = cues.get(child.i)
        if child.dep_ in _SHARPENING_DEPS and kind in (FigureKind.KILLED, FigureKind.INJURED):
            return _Draft(draft.span, draft.quantity, Anchor(kind, draft.anchor.group, child.i), kind, cue)
    return draft


def _coordinated(draft: _Draft, cues: dict[int, FigureKind], quantity_tokens: set[int]) -> list[_Draft]:
    """ "dozens of dead and injured": one number, two casualty words joined by "and"."""
    cue = draft.anchor.cue
    if cue is None:
        return []
    token = draft.span.doc[cue]
    extra: list[_Draft] = []
    for conj in token.conjuncts:
        kind = cues.get(conj.i)
        if kind is None or kind == draft.kind or conj.i < token.i:
            continue
        if any(t.i in quantity_tokens for t in conj.subtree) or any(
            t.i in quantity_tokens for t in token.doc[token.i : conj.i]
        ):
            continue
        extra.append(_Draft(draft.span, draft.quantity, Anchor(kind, draft.anchor.group, conj.i), kind))
    return extra


def _char_span(span: Span) -> TextSpan:
    return TextSpan(start=span.start_char, end=span.end_char)


def _evidence(draft: _Draft) -> TextSpan:
    doc = draft.span.doc
    start, end = draft.span.start, draft.span.end
    head = draft.span.root.head
    if draft.span.root.dep_ in ("nummod", "quantmod") and end <= head.i < end + 3:
        end = head.i + 1  # the counted noun belongs to the statement: "at least 16 people"
    if draft.anchor.parent is not None:
        # A nested group is stated by its own phrase: "including six children".
        for i in range(start - 1, max(-1, start - 4), -1):
            if doc[i].lower_ in ("including", "among", "incl"):
                start = i
                break
        return TextSpan(start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1].text))
    for index in (draft.anchor.cue, draft.vague_cue):
        if index is not None:
            start, end = min(start, index), max(end, index + 1)
    return TextSpan(start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1].text))


class FiguresComponent:
    def __init__(self, nlp: Language, *, read_titles: bool = True) -> None:
        self.nlp = nlp if read_titles else None
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = list(figure_lexicon().phrases)
        self.matcher.add("CASUALTY", [nlp.make_doc(p) for p in phrases])

    def _drafts(self, doc: Doc, cues: dict[int, FigureKind], headline: bool) -> list[_Draft]:
        quantities = _quantities(doc)
        starts = {q.start for q in quantities}
        quantity_tokens = {i for q in quantities for i in range(q.start, q.end)}
        seen_sentences: set[str] = set()
        skipped: set[int] = set()
        for sent in sentences(doc):
            key = sent.text.strip()
            if len(key) > 20 and key in seen_sentences:
                skipped.add(sent.start)
            seen_sentences.add(key)
        drafts: list[_Draft] = []
        for span in quantities:
            quantity: Quantity = span._.quantity
            if sentence_of(span).start in skipped or is_excluded_number(span, quantity):
                continue
            anchor = anchor_quantity(span, cues, starts)
            if anchor is None:
                continue
            drafts.append(_Draft(span, quantity, anchor, anchor.kind))
        for single in single_children(doc, cues):
            if sentence_of(single.span).start in skipped:
                continue
            group = "children"
            if single.kind is not None:
                anchor = Anchor(single.kind, group, single.cue)
                drafts.append(_Draft(single.span, single.quantity, anchor, single.kind))
            elif single.parent is not None:
                anchor = Anchor(FigureKind.KILLED, group, None, parent=single.parent)
                drafts.append(_Draft(single.span, single.quantity, anchor, FigureKind.KILLED))
        numbered = {(sentence_of(d.span).start, d.kind) for d in drafts}
        taken = {i for d in drafts for i in range(d.span.start, d.span.end)}
        for victim in single_victims(doc, cues, headline=headline):
            kind = victim.kind or FigureKind.KILLED
            if (sentence_of(victim.span).start, kind) in numbered or sentence_of(
                victim.span
            ).start in skipped:
                continue
            if any(i in taken for i in range(victim.span.start, victim.span.end)):
                continue
            drafts.append(_Draft(victim.span, victim.quantity, Anchor(kind, "all", victim.cue), kind))
        drafts.sort(key=lambda d: d.span.start)
        drafts = [_sharpened(d, cues) for d in _resolve_nested(drafts, cues)]
        extra: list[_Draft] = []
        for draft in drafts:
            extra.extend(_coordinated(draft, cues, quantity_tokens))
        drafts = sorted(drafts + extra, key=lambda d: (d.span.start, d.anchor.cue or 0))
        return [
            d
            for d in drafts
            if not is_cumulative(d.span, d.anchor.cue) and not self._condition_subset(d, drafts)
        ]

    @staticmethod
    def _condition_subset(draft: _Draft, drafts: list[_Draft]) -> bool:
        """ "12 of them in critical condition" after a count of the injured; a lone victim "in
        critical condition" is the count itself."""
        value = draft.quantity.value
        if value is None or not is_condition_subset(draft.span, draft.anchor.cue):
            return False
        return any(
            d.span.start < draft.span.start
            and d.kind in (draft.kind, FigureKind.INJURED, FigureKind.HOSPITALIZED)
            and draft.kind in (FigureKind.INJURED, FigureKind.HOSPITALIZED)
            and d.quantity.value is not None
            and d.quantity.value > value
            for d in drafts
        )

    def __call__(self, doc: Doc) -> Doc:
        figures, links = self._figures(doc)
        title: str | None = doc._.title
        if title and title.strip() and not is_in_text(title, doc.text):
            title_doc = self._parse_title(title)
            if title_doc is not None:
                extra = title_gaps(figures, self._figures(title_doc, headline=True)[0])
                figures = figures + extra
                links = links + [None] * len(extra)
        doc._.figures = figures
        doc._.figure_cues = links
        return doc

    def _parse_title(self, title: str) -> Doc | None:
        if self.nlp is None:
            return None
        # Padding keeps the headline's spans indexing the title as given.
        stripped = title.lstrip()
        padded = " " * (len(title) - len(stripped)) + for_parsing(stripped.rstrip())
        names = [n for n, _ in self.nlp.pipeline if n.startswith("factledger_")]
        return next(iter(self.nlp.pipe([padded], disable=names)))

    def _figures(self, doc: Doc, *, headline: bool = False) -> tuple[list[Figure], list[int | None]]:
        phrase_spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        cues = cue_map(doc, phrase_spans)
        drafts = self._drafts(doc, cues, headline)
        finder = SourceFinder(doc)
        events = doc_list(doc, "events")
        figures: list[Figure] = []
        links: list[int | None] = []
        for draft in drafts:
            q = draft.quantity
            cue_token: Token = doc[draft.anchor.cue] if draft.anchor.cue is not None else draft.span.root
            attribution = finder.find(cue_token)
            status = figure_status(draft.span, attribution, draft.anchor.group)
            source_span = (
                TextSpan(start=attribution.start, end=attribution.end)
                if attribution.start is not None and attribution.end is not None
                else None
            )
            figures.append(
                Figure(
                    kind=draft.kind,
                    group=draft.anchor.group,
                    value=q.value,
                    low=q.low,
                    high=q.high,
                    qualifier=q.qualifier
                    if q.qualifier != Qualifier.RANGE or q.low is not None
                    else Qualifier.EXACT,
                    source=attribution.source,
                    source_span=source_span,
                    party=attribution.party,
                    side=attribution.side,
                    status=status,
                    sentence=_char_span(sentence_of(draft.span)),
                    number=_char_span(draft.span),
                    evidence=_evidence(draft),
                )
            )
            links.append(event_index(events, cue_token))
        return _dedupe(settle_earlier(figures, doc.text), links, doc.text)


def _in_headline(figure: Figure, text: str) -> bool:
    """A figure on a line of its own without a closing full stop: a headline or a summary line."""
    start = text.rfind("\n", 0, figure.number.start) + 1
    end = text.find("\n", figure.number.start)
    line = text[start : len(text) if end < 0 else end].strip()
    return bool(line) and line[-1] not in ".!?\"”'" and len(line.split()) <= _HEADLINE_WORDS


def _dedupe(
    figures: list[Figure], links: list[int | None], text: str
) -> tuple[list[Figure], list[int | None]]:
    """One figure per statement: a headline repeated in the lede, or a toll restated later, is kept
    once, with the source any instance names; the same number from two parties is kept for each."""
    figures = list(figures)
    chosen: dict[tuple[object, ...], int] = {}
    keep: list[int] = []
    for i, f in enumerate(figures):
        key = (f.kind, f.group, f.qualifier, f.value, f.low, f.high, f.status)
        party_key = (*key, f.party)
        if party_key in chosen:
            continue
        unattributed_key = (*key, Party.UNATTRIBUTED)
        if f.party == Party.UNATTRIBUTED and any(k[:-1] == key for k in chosen):
            continue
        if unattributed_key in chosen:
            position = chosen.pop(unattributed_key)
            if not _in_headline(figures[position], text):
                # The source named with a restatement is the first statement's, which keeps its
                # place in the body: the report said it there first (its lead, for the headline).
                figures[position] = figures[position].model_copy(
                    update={
                        "source": f.source,
                        "source_span": f.source_span,
                        "party": f.party,
                        "side": f.side,
                    }
                )
                chosen[party_key] = position
                continue
            # A headline's bare restatement gives way to the attributed statement of the text.
            keep.remove(position)
        chosen[party_key] = i
        keep.append(i)
    # "73 injured" in a headline restates "at least 73 people were injured" in the text: one
    # statement, kept in its qualified form.
    qualified = {
        (f.kind, f.group, f.value, f.status)
        for i, f in enumerate(figures)
        if i in keep and f.value is not None and f.qualifier != Qualifier.EXACT
    }
    keep = [
        i
        for i in keep
        if figures[i].qualifier != Qualifier.EXACT
        or not _in_headline(figures[i], text)
        or (figures[i].kind, figures[i].group, figures[i].value, figures[i].status) not in qualified
    ]
    keep.sort()
    return [figures[i] for i in keep], [links[i] for i in keep]


@Language.factory(
    "factledger_figures",
    assigns=["doc._.figures", "doc._.figure_cues"],
    requires=["doc._.quantities"],
)
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent(nlp)
