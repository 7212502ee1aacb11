"""Line breaks end sentences, set before the parser runs.

Reports arrive with the headline as their first line and one paragraph per line, often without a
closing full stop on the headline; left to itself the parser glues the headline to the lead and
attaches the lead's words to the headline's (wrong event types, places and subjects follow).
Sentence starts set before the parser are respected by it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PARAGRAPH_BOUNDS", "PARSE_VERSION", "paragraph_bounds"]

PARAGRAPH_BOUNDS = "paragraph_bounds"
PARSE_VERSION = "paragraph-bounds-1"
"""Changes whenever what runs before or inside the statistical parse changes (parse caches key on it)."""


@Language.component(PARAGRAPH_BOUNDS)
def paragraph_bounds(doc: Doc) -> Doc:
    for token in doc[:-1]:
        # Newlines are whitespace tokens of their own, or trail a token's text.
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc
