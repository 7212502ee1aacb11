"""Sources named around a figure rather than with it: after the figures they refer back to ("The
toll has risen to 45. This was announced by the regional head."), on a label line above or below
("Source: the interior ministry"), or elsewhere in the figure's paragraph.

``NearbySources`` is the part of :class:`~factledger.extract.figures.attribution.SourceFinder` that
reads the layout of the text; the parse-level helpers it needs are the finder's own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from spacy.tokens import Doc, Span, Token

from factledger.extract.extensions import sentence_of
from factledger.extract.quotes.lexicon import CueLexicon

__all__ = ["ANNOUNCE_VERBS", "MAX_SOURCE_TOKENS", "PRONOUNS", "NearbySources", "trim"]

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_TRIM_DEPS = frozenset({"relcl", "acl", "punct", "cc", "advcl"})
MAX_SOURCE_TOKENS = 14
ANNOUNCE_VERBS = frozenset(
    {
        "revise",
        "announce",
        "release",
        "publish",
        "issue",
        "update",
        "give",
        "put",
        "confirm",
        "report",
        "record",
        "register",
    }
)
_ANAPHORS = frozenset({"this", "it", "that"})
_FOLLOWING_SENTENCES = 3
_REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "add",
        "note",
        "report",
        "confirm",
        "announce",
        "write",
        "post",
        "inform",
        "specify",
        "clarify",
        "explain",
        "indicate",
        "update",
        "publish",
        "tweet",
        "reveal",
        "disclose",
        "claim",
        "allege",
        "estimate",
        "put",
        "give",
        "release",
    }
)
_LABEL_LINES = 4
_LABEL_LINES_BELOW = 2
_MAX_LABEL_WORDS = 6


def trim(head: Token) -> Span:
    """The source phrase around a subject: its subtree without clauses attached to it."""
    doc = head.doc
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in _TRIM_DEPS:
            dropped.update(t.i for t in child.subtree)
    kept = [t.i for t in head.subtree if t.i not in dropped]
    left, right = min(kept), max(kept)
    while left < head.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    if right - left + 1 > MAX_SOURCE_TOKENS:
        left = max(left, head.i - MAX_SOURCE_TOKENS + 1)
        right = min(right, head.i + 3)
    return doc[left : right + 1]


class NearbySources(ABC):
    doc: Doc
    text: str
    cues: CueLexicon
    _speakers: list[tuple[int, Span]]

    @abstractmethod
    def _valid(self, span: Span | None) -> bool: ...

    @abstractmethod
    def _agent(self, verb: Token) -> Span | None: ...

    @abstractmethod
    def _behind(self, noun: Token) -> Span | None: ...

    @abstractmethod
    def _subject(self, verb: Token) -> Token | None: ...

    @abstractmethod
    def _speech_verbs(self, sent: Span) -> list[Token]: ...

    @abstractmethod
    def _according_to(self, sent: Span) -> Span | None: ...

    def _anaphoric_source(self, sent: Span) -> Span | None:
        """The source of a sentence that points back at what was just said: "This was announced by
        the regional head", "Mayor Terekhov reported this on Telegram", "It was stated in a
        statement of the ministry", "The governor reported about it"."""
        for tok in sent:
            if tok.lower_ not in _ANAPHORS:
                continue
            verb = tok.head
            if tok.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("about", "on", "of"):
                verb = verb.head
            elif tok.dep_ not in ("nsubjpass", "dobj"):
                continue
            lemma = verb.lemma_.lower()
            if verb.pos_ not in ("VERB", "AUX") or (
                lemma not in self.cues.speech_verbs and lemma not in ANNOUNCE_VERBS
            ):
                continue
            if tok.dep_ == "nsubjpass":
                agent = self._agent(verb)
                if agent is not None:
                    return agent
                for child in verb.children:
                    if child.dep_ == "prep" and child.lower_ in ("in", "on"):
                        for obj in child.children:
                            behind = self._behind(obj) if obj.dep_ == "pobj" else None
                            if behind is not None:
                                return behind
                continue
            subj = self._subject(verb)
            if subj is not None and subj.lower_ not in PRONOUNS:
                span = trim(subj)
                if self._valid(span):
                    return span
        return None

    def _announced_after(self, token: Token) -> Span | None:
        """A source named after the figures it refers back to, in one of the next sentences of the
        paragraph or at the start of the next paragraph: "The toll has risen to 45. This was
        announced by the regional head." Sentences with a speaker of their own end the search."""
        doc = self.doc
        sent = sentence_of(token)
        breaks = 0
        at = sent.end
        for _ in range(_FOLLOWING_SENTENCES):
            if at >= len(doc):
                return None
            gap = doc[at - 1].whitespace_ + "".join(t.text for t in doc[at : at + 3] if t.is_space)
            breaks += gap.count("\n") > 0 or doc[at].is_space
            if breaks > 1:
                return None
            nxt = sentence_of(doc[at])
            source = self._anaphoric_source(nxt)
            if source is not None:
                return source
            if self._speech_verbs(nxt) or self._according_to(nxt) is not None:
                return None
            at = nxt.end
        return None

    def _reports_facts(self, at: int) -> bool:
        """A speaker whose verb reports what happened ("said", "reported", "according to"), not one
        who condemned, urged or called something, can vouch for the figures around it."""
        tok = self.doc[at]
        return tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() in _REPORTING_VERBS

    def _line_bounds(self, char: int) -> tuple[int, int]:
        text = self.text
        start = text.rfind("\n", 0, char) + 1
        end = text.find("\n", char)
        return start, len(text) if end < 0 else end

    def _in_paragraph(self, token: Token) -> Span | None:
        """The speaker named elsewhere in the figure's paragraph (a line of the text), nearest first;
        else the speaker of a previous line that ends in a colon ("Klymenko said:")."""
        start, end = self._line_bounds(token.idx)
        here = [
            span
            for at, span in self._speakers
            if start <= span.start_char < end and self._valid(span) and self._reports_facts(at)
        ]
        if here:
            before = [s for s in here if s.start_char <= token.idx]
            return before[-1] if before else here[0]
        text = self.text
        prev_end = start - 1
        while prev_end > 0 and text[prev_end - 1] in "\n \t":
            prev_end -= 1
        if prev_end > 0 and text[prev_end - 1] == ":":
            prev_start, _ = self._line_bounds(prev_end - 1)
            colon = [s for _, s in self._speakers if prev_start <= s.start_char < prev_end and self._valid(s)]
            if colon:
                return colon[-1]
        return None

    def _labelled(self, token: Token) -> Span | None:
        """A source given as a label: a "Source: ..." line just above, or "Tymoshenko quote: ..."."""
        text = self.text
        start, _ = self._line_bounds(token.idx)
        head = text[start : token.idx]
        at = head.lower().find("quote:")
        if at > 0 and len(head[:at].split()) <= _MAX_LABEL_WORDS:
            return self.doc.char_span(start, start + at, alignment_mode="contract")
        line_start = start
        for _ in range(_LABEL_LINES):
            if line_start <= 0:
                break
            prev_start, prev_end = self._line_bounds(line_start - 1)
            line = text[prev_start:prev_end]
            stripped = line.lstrip()
            if stripped.lower().startswith(("source:", "sources:")):
                offset = prev_start + (len(line) - len(stripped)) + stripped.index(":") + 1
                while offset < prev_end and text[offset] == " ":
                    offset += 1
                if prev_end > offset:
                    return self.doc.char_span(offset, prev_end, alignment_mode="contract")
            line_start = prev_start
        # A lead paragraph followed by its label line: "... 159 were injured.\nSource: the ministry".
        _, line_end = self._line_bounds(token.idx)
        for _ in range(_LABEL_LINES_BELOW):
            if line_end >= len(text):
                break
            next_start, next_end = self._line_bounds(line_end + 1)
            label = self._source_label(next_start, next_end)
            if label is not None:
                return label
            if text[next_start:next_end].strip():
                break
            line_end = next_end
        return None

    def _source_label(self, start: int, end: int) -> Span | None:
        text = self.text
        line = text[start:end]
        stripped = line.lstrip()
        if not stripped.lower().startswith(("source:", "sources:")):
            return None
        offset = start + (len(line) - len(stripped)) + stripped.index(":") + 1
        while offset < end and text[offset] == " ":
            offset += 1
        if end <= offset:
            return None
        return self.doc.char_span(offset, end, alignment_mode="contract")
