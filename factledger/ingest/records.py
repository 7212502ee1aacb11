"""JSON Lines and JSON records, one article each.

A record needs a ``text`` (or ``body``/``content``); the other fields are the Article's metadata, with
the aliases below. The evaluation folders' ``documents.jsonl`` (``doc_id``, ``published``, ``url``,
``outlet``, ``title``, ``text``...) is one such format. A ``.json`` file holds one record, a list of
records, or an object with the list under ``articles``, ``documents``, ``items`` or ``records``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from factledger.errors import IngestError
from factledger.ingest.draft import FIELDS, Draft

__all__ = ["iter_json", "iter_jsonl", "record_to_draft"]

_TEXT_KEYS = ("text", "body", "content")
_ALIASES = {
    "doc_id": "external_id",
    "id": "external_id",
    "date": "published",
    "published_at": "published",
    "updated_at": "updated",
    "link": "url",
    "headline": "title",
    "source": "outlet",
    "lang": "language",
}
_LIST_KEYS = ("articles", "documents", "items", "records")


def record_to_draft(record: object, *, source: str) -> Draft:
    if not isinstance(record, dict):
        raise IngestError(f"a record must be a JSON object, got {type(record).__name__}", source=source)
    text = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if text is None:
        if any(k in record for k in _TEXT_KEYS):
            raise IngestError("the record's text is not a string", source=source)
        raise IngestError("the record has no text field", reason="malformed", source=source)
    meta: dict[str, Any] = {}
    for key, value in record.items():
        name = _ALIASES.get(key, key)
        if name in FIELDS and name not in meta and not isinstance(value, dict | list):
            meta[name] = value
    return Draft(text=text, source=source).merged(meta)


def iter_jsonl(lines: Iterable[bytes], *, source: str, max_bytes: int) -> Iterator[Draft | IngestError]:
    """One draft or one error per non-blank line; a bad line never stops the others."""
    for number, raw in enumerate(lines, 1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes * 2:  # JSON escaping can double a text's size
            yield IngestError(f"line is larger than {max_bytes * 2} bytes", reason="oversized", source=where)
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield IngestError(f"not valid JSON: {exc}", reason="malformed", source=where)
            continue
        try:
            yield record_to_draft(record, source=where)
        except IngestError as exc:
            yield exc


def iter_json(text: str, *, source: str) -> Iterator[Draft | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(f"not valid JSON: {exc}", reason="malformed", source=source)
        return
    if isinstance(data, dict):
        listed = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        records: list[Any] = listed if listed is not None else [data]
    elif isinstance(data, list):
        records = data
    else:
        yield IngestError("JSON holds neither a record nor a list of records", source=source)
        return
    for i, record in enumerate(records):
        where = f"{source}[{i}]" if len(records) > 1 or isinstance(data, list) else source
        try:
            yield record_to_draft(record, source=where)
        except IngestError as exc:
            yield exc
