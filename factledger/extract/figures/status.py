"""Whether a figure is the current one, one reported as superseded, or a party's contested claim."""

from __future__ import annotations

from spacy.tokens import Span

from factledger.extract.extensions import sentence_of
from factledger.extract.figures.attribution import Attribution
from factledger.extract.figures.lexicon import party_lexicon
from factledger.models import Figure, FigureStatus, Party

__all__ = ["figure_status", "settle_earlier"]

_EARLIER_WORDS = frozenset({"initially", "earlier", "previously", "previous", "originally"})
_EARLIER_PHRASES = (("first", "reported"), ("at", "first"), ("had", "earlier"), ("first", "hours"))
_TIME_WORDS = frozenset(
    {"day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years", "minutes"}
)
_FROM_WORDS = frozenset({"from"})
_PARTIES_AT_WAR = frozenset({Party.MILITARY, Party.ARMED_GROUP})
_WINDOW = 12


def _earlier_cue(number: Span) -> bool:
    doc = number.doc
    sent = sentence_of(number)
    before = doc[number.start - 1].lower_ if number.start > sent.start else ""
    if before in _FROM_WORDS and number.end < sent.end and doc[number.end].lower_ in ("to", "-"):
        return True
    if before == "from" and number.start - 2 >= sent.start and doc[number.start - 2].lower_ in ("down", "up"):
        return True
    lo, hi = max(sent.start, number.start - _WINDOW), min(sent.end, number.end + _WINDOW)
    words = [t.lower_ for t in doc[lo:hi]]
    for i, word in enumerate(words):
        if word in _EARLIER_WORDS:
            prev = words[i - 1] if i > 0 else ""
            nxt = words[i + 1] if i + 1 < len(words) else ""
            # "two days earlier" dates another event; "earlier this month" dates this one.
            if word == "earlier" and (prev in _TIME_WORDS or nxt in ("this", "today", "in", "on")):
                continue
            return True
        if i + 1 < len(words) and (word, words[i + 1]) in _EARLIER_PHRASES:
            return True
    return False


def figure_status(number: Span, attribution: Attribution, group: str) -> FigureStatus:
    lex = party_lexicon()
    sent_lower = sentence_of(number).text.lower()
    if attribution.party in _PARTIES_AT_WAR and (group == "military" or attribution.verb in lex.claim_verbs):
        return FigureStatus.CLAIM
    if any(cue in sent_lower for cue in lex.claim_cues):
        return FigureStatus.CLAIM
    if _earlier_cue(number):
        return FigureStatus.EARLIER
    return FigureStatus.CURRENT


_UPDATE_WORDS = frozenset(
    {
        "rose",
        "risen",
        "rises",
        "increased",
        "climbed",
        "reached",
        "now",
        "latest",
        "updated",
        "jumped",
        "grew",
    }
)


def _number(f: Figure) -> int | None:
    return f.value if f.value is not None else f.low


def _superseded(figures: list[Figure], text: str) -> set[int]:
    """Indices of figures a report says were overtaken: a smaller count of the same people next to a
    count stated as an update ("the toll has risen to 18", "now 27 people")."""
    updated: dict[tuple[str, str], int] = {}
    for f in figures:
        number = _number(f)
        if number is None or f.status != FigureStatus.CURRENT:
            continue
        words = set(text[f.sentence.start : f.sentence.end].lower().split())
        if words & _UPDATE_WORDS:
            key = (f.kind.value, f.group)
            updated[key] = max(updated.get(key, number), number)
    out: set[int] = set()
    for i, f in enumerate(figures):
        number = _number(f)
        top = updated.get((f.kind.value, f.group))
        if f.status == FigureStatus.CURRENT and number is not None and top is not None and number < top:
            out.add(i)
    return out


def settle_earlier(figures: list[Figure], text: str | None = None) -> list[Figure]:
    """An "earlier" cue marks a figure as superseded only when the report states a newer one.

    "Earlier, the governor said 64 were wounded" is still the report's current toll if no other
    count of the wounded follows; with "the toll has since risen to 70" beside it, it is not.
    """
    if text is not None:
        superseded = _superseded(figures, text)
        figures = [
            f.model_copy(update={"status": FigureStatus.EARLIER}) if i in superseded else f
            for i, f in enumerate(figures)
        ]
    settled: list[Figure] = []
    for f in figures:
        if f.status == FigureStatus.EARLIER:
            newer = any(
                o.status == FigureStatus.CURRENT
                and o.kind == f.kind
                and o.group == f.group
                and (o.value, o.low) != (f.value, f.low)
                for o in figures
            )
            if not newer:
                f = f.model_copy(update={"status": FigureStatus.CURRENT})
        settled.append(f)
    return settled
