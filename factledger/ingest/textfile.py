"""Plain-text reports with optional front matter.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the very top::

    ---
    title: Missile strike on a residential district
    outlet: example.org
    published: 2025-04-05
    ---
    The report's text...

Keys other than the Article's metadata fields (and the aliases below) are ignored.
"""

from __future__ import annotations

import re
from typing import Any

from factledger.errors import IngestError
from factledger.ingest.draft import FIELDS, Draft

__all__ = ["parse_front_matter", "read_text"]

_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_ALIASES = {"date": "published", "link": "url", "source": "outlet", "lang": "language", "id": "external_id"}


def parse_front_matter(text: str, *, source: str = "") -> tuple[dict[str, Any], str]:
    """(metadata, body). Text without front matter gives ({}, text)."""
    stripped = text.lstrip("\ufeff")
    match = _FENCE.match(stripped)
    if match is None:
        return {}, text
    meta: dict[str, Any] = {}
    for number, line in enumerate(match.group(1).splitlines(), 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kv = _LINE.match(line.strip())
        if kv is None:
            raise IngestError(f"front matter line {number} is not `key: value`: {line!r}", source=source)
        key = kv.group(1).lower().replace("-", "_")
        key = _ALIASES.get(key, key)
        value = kv.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key in FIELDS:
            meta[key] = value or None
    return meta, stripped[match.end() :]


_HEADLINE_MAX = 150


def _headline(body: str) -> str | None:
    """The first line as a title, when it stands alone and reads like a headline (no final period)."""
    first, sep, rest = body.strip().partition("\n")
    if not sep or rest.partition("\n")[0].strip():
        return None  # not followed by a blank line: it is the first line of a paragraph
    first = first.strip()
    if not first or len(first) > _HEADLINE_MAX or first[-1] in ".,;:" or not rest.strip():
        return None
    return first


def read_text(
    text: str, *, source: str, file_name: str | None = None, relative_path: str | None = None
) -> Draft:
    meta, body = parse_front_matter(text, source=source)
    if not meta.get("title"):
        # The text keeps its headline line: offsets and ids must not depend on this guess.
        meta["title"] = _headline(body)
    return Draft(text=body, source=source, file_name=file_name, relative_path=relative_path).merged(meta)
