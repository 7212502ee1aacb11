"""What every reader produces before it becomes an Article: text plus whatever metadata it found.

Sidecar metadata is merged into the draft before the Article is made, because the Article id depends
on the URL. Validation (empty, too short, oversized, bad dates) happens here once for every format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from factledger.errors import IngestError
from factledger.ingest.decode import clean_text
from factledger.models import Article

__all__ = ["FIELDS", "Draft", "outlet_of", "parse_date"]

FIELDS = ("title", "url", "outlet", "published", "updated", "language", "external_id")
"""Metadata fields a source may give (front matter, JSON record, sidecar)."""


def parse_date(value: object, *, field_name: str = "date", source: str = "") -> dt.date | None:
    """A date from ISO text, an RFC 2822 date, a datetime or a date; None for null or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        try:
            # Parsed against two different defaults: a partial date ("April 2025") gives two answers
            # and is refused rather than completed with an invented day.
            first = date_parser.parse(text, default=dt.datetime(2000, 1, 1))
            second = date_parser.parse(text, default=dt.datetime(2001, 2, 2))
        except (ValueError, OverflowError) as exc:
            raise IngestError(
                f"cannot read {field_name} {value!r} as a date", reason="malformed", source=source
            ) from exc
        if first.date() != second.date():
            raise IngestError(f"{field_name} {value!r} is not a full date", reason="malformed", source=source)
        return first.date()
    raise IngestError(f"{field_name} must be a date, got {value!r}", reason="malformed", source=source)


def outlet_of(url: str | None) -> str | None:
    """The publisher's domain of a URL, without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


@dataclass(frozen=True)
class Draft:
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: object = None
    updated: object = None
    language: str | None = None
    external_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    file_name: str | None = None
    """Base name of the file it came from (sidecar metadata is keyed by it)."""
    relative_path: str | None = None

    def merged(self, metadata: dict[str, Any]) -> Draft:
        """A copy with non-null ``metadata`` fields taking precedence."""
        values = {k: v for k, v in metadata.items() if k in FIELDS and v not in (None, "")}
        return replace(self, **values) if values else self

    def to_article(self, *, min_chars: int, max_bytes: int) -> Article:
        text = clean_text(self.text)
        if not text:
            raise IngestError("no text", reason="empty", source=self.source)
        if len(text.encode("utf-8")) > max_bytes:
            raise IngestError(
                f"text is larger than {max_bytes} bytes", reason="oversized", source=self.source
            )
        if len(text) < min_chars:
            raise IngestError(
                f"text has {len(text)} characters, fewer than {min_chars}",
                reason="too_short",
                source=self.source,
            )
        published = parse_date(self.published, field_name="published", source=self.source)
        updated = parse_date(self.updated, field_name="updated", source=self.source)
        url = _str(self.url)
        return Article.create(
            text,
            url=url,
            outlet=_str(self.outlet) or outlet_of(url),
            title=_title(self.title),
            published=published,
            updated=updated if updated != published else None,
            language=_str(self.language) or "en",
            source=self.source,
            external_id=_str(self.external_id),
        )


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _title(value: object) -> str | None:
    text = _str(value)
    return " ".join(text.split()) if text else None
