"""Ingest stage: files, folders, JSON records, feeds and URLs -> Article (or a Rejection saying why not).

    ingester = Ingester(settings, metadata=load_metadata(path)[0])
    for item in ingester.read_all(["reports/", "https://example.org/feed.xml"]):
        ...  # Article or Rejection

Formats: ``.txt`` with optional front matter, ``.html`` pages, ``.jsonl``/``.json`` records, RSS/Atom
feeds, and URLs serving any of these. Bad items are rejected one by one (``Rejection.reason``: empty,
too_short, binary, undecodable, oversized, malformed, not_found, unreadable, fetch_failed, refused);
the rest of the batch goes on.
"""

from __future__ import annotations

from factledger.ingest.decode import clean_text, decode_bytes, looks_binary
from factledger.ingest.draft import Draft, parse_date
from factledger.ingest.fetch import Fetched, Fetcher, is_url
from factledger.ingest.metadata import Metadata, load_metadata
from factledger.ingest.sources import Ingester, Input, Plan, detect_format

__all__ = [
    "Draft",
    "Fetched",
    "Fetcher",
    "Ingester",
    "Input",
    "Metadata",
    "Plan",
    "clean_text",
    "decode_bytes",
    "detect_format",
    "is_url",
    "load_metadata",
    "looks_binary",
    "parse_date",
]
