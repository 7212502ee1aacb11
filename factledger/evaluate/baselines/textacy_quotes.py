"""Baseline for the quotes task: textacy's rule-based direct quotation extractor.

``textacy.extract.triples.direct_quotations`` yields (speaker tokens, cue tokens, content span) for
quotes with a reporting verb nearby. It refuses a whole document when its quotation marks do not pair
up (it raises ``ValueError``); such documents give no predictions, as they would to a textacy user.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["BaselineQuote", "textacy_quotes"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BaselineQuote:
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None


def textacy_quotes(doc: Doc) -> tuple[list[BaselineQuote], bool]:
    """Direct quotes textacy finds in a parsed Doc, and whether it refused the document."""
    from textacy.extract.triples import direct_quotations

    quotes: list[BaselineQuote] = []
    try:
        for speaker, _cue, content in direct_quotations(doc):
            if speaker:
                s_start = min(t.idx for t in speaker)
                s_end = max(t.idx + len(t.text) for t in speaker)
            else:
                s_start = s_end = None
            quotes.append(BaselineQuote(content.start_char, content.end_char, s_start, s_end))
    except ValueError as exc:
        log.debug("textacy refused a document: %s", exc)
        return [], True
    return quotes, False
