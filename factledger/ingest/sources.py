"""From what the user names (files, folders, URLs) to Articles, one rejection per bad item.

:meth:`Ingester.plan` expands folders (recursively, skipping hidden files and the sidecar metadata
file) so a caller can show progress over a known number of inputs; :meth:`Ingester.read` turns one
input into Articles and Rejections. The format comes from the file suffix or the HTTP content type,
and from the first bytes when neither says (a file without suffix may be a feed, a page or text).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factledger.errors import IngestError
from factledger.ingest.decode import declared_charset, decode_bytes, looks_binary
from factledger.ingest.draft import Draft
from factledger.ingest.feeds import iter_feed, looks_like_feed
from factledger.ingest.fetch import Fetcher, is_url
from factledger.ingest.html import read_html
from factledger.ingest.metadata import Metadata
from factledger.ingest.records import iter_json, iter_jsonl
from factledger.ingest.textfile import read_text
from factledger.models import Article, Rejection
from factledger.settings import Settings, load_settings

__all__ = ["Ingester", "Input", "Plan", "detect_format"]

log = logging.getLogger(__name__)

_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
}


def detect_format(suffix: str, content_type: str, head: bytes) -> str:
    """One of text, html, json, jsonl, feed."""
    known = _SUFFIXES.get(suffix.lower())
    if known is not None:
        return known
    mime = content_type.split(";", 1)[0].strip().lower()
    if "rss" in mime or "atom" in mime or ((mime.endswith("/xml")) and looks_like_feed(head)):
        return "feed"
    if "html" in mime:
        return "html"
    if "json" in mime:
        return "jsonl" if "ndjson" in mime or "jsonl" in mime else "json"
    sample = head[:2048].lstrip().lower()
    if looks_like_feed(head):
        return "feed"
    if sample.startswith((b"<!doctype html", b"<html")) or b"<body" in sample:
        return "html"
    if sample.startswith(b"["):
        return "json"
    if sample.startswith(b"{"):
        lines = [line for line in head.splitlines() if line.strip()]
        return (
            "jsonl"
            if len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines[:3])
            else "json"
        )
    return "text"


@dataclass(frozen=True)
class Input:
    value: str
    """A file path or a URL."""
    root: Path | None = None
    """The folder the file was found in, for paths relative to it."""

    @property
    def is_url(self) -> bool:
        return is_url(self.value)


@dataclass
class Plan:
    inputs: list[Input] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def _rejection(exc: IngestError, source: str) -> Rejection:
    return Rejection(source=exc.source or source, reason=exc.reason, detail=str(exc))


class Ingester:
    """Reads inputs into Articles. Holds the settings, the sidecar metadata and one HTTP client."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        metadata: Metadata | None = None,
        fetcher: Fetcher | None = None,
        skip: Iterable[Path] = (),
    ) -> None:
        self.settings = settings or load_settings()
        self.metadata = metadata if metadata is not None else Metadata()
        self._fetcher = fetcher
        self._skip = {p.resolve() for p in skip}
        if self.metadata.path is not None:
            self._skip.add(self.metadata.path.resolve())

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(
                timeout=float(self.settings.fetch_timeout),
                max_bytes=int(self.settings.max_bytes),
                user_agent=str(self.settings.user_agent),
                allow_private=bool(self.settings.allow_private_urls),
            )
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    # ------------------------------------------------------------------------------------ plan

    def plan(self, sources: Sequence[str | Path]) -> Plan:
        plan = Plan()
        for source in sources:
            text = str(source)
            if is_url(text):
                plan.inputs.append(Input(text))
                continue
            path = Path(text).expanduser()
            if path.is_dir():
                plan.inputs.extend(Input(str(f), root=path) for f in self._walk(path))
            elif path.is_file():
                plan.inputs.append(Input(str(path)))
            else:
                plan.rejections.append(
                    Rejection(source=text, reason="not_found", detail="no such file or folder")
                )
        return plan

    def _walk(self, folder: Path) -> Iterator[Path]:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if path.is_file() and path.resolve() not in self._skip:
                yield path

    # ------------------------------------------------------------------------------------ read

    def read(self, item: Input) -> Iterator[Article | Rejection]:
        """Articles and rejections of one input, in order. Never raises IngestError."""
        try:
            drafts = self._fetch_drafts(item) if item.is_url else self._file_drafts(item)
            for draft in drafts:
                if isinstance(draft, IngestError):
                    yield _rejection(draft, item.value)
                    continue
                try:
                    yield self.metadata.apply(draft).to_article(
                        min_chars=int(self.settings.min_chars), max_bytes=int(self.settings.max_bytes)
                    )
                except IngestError as exc:
                    yield _rejection(exc, draft.source)
        except IngestError as exc:
            yield _rejection(exc, item.value)

    def read_all(self, sources: Sequence[str | Path]) -> Iterator[Article | Rejection]:
        plan = self.plan(sources)
        yield from plan.rejections
        for item in plan.inputs:
            yield from self.read(item)

    def _file_drafts(self, item: Input) -> Iterator[Draft | IngestError]:
        path = Path(item.value)
        relative = path.relative_to(item.root).as_posix() if item.root else path.name
        max_bytes = int(self.settings.max_bytes)
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
                fmt = detect_format(path.suffix, "", head)
                if fmt == "jsonl" and not looks_binary(head):
                    handle.seek(0)
                    yield from iter_jsonl(handle, source=str(path), max_bytes=max_bytes)
                    return
                size = path.stat().st_size
                if size > max_bytes:
                    raise IngestError(
                        f"{size} bytes, more than {max_bytes}", reason="oversized", source=str(path)
                    )
                data = head + handle.read()
        except OSError as exc:
            raise IngestError(f"cannot read: {exc}", reason="unreadable", source=str(path)) from exc
        yield from self._drafts(data, fmt, source=str(path), file_name=path.name, relative_path=relative)

    def _fetch_drafts(self, item: Input) -> Iterator[Draft | IngestError]:
        fetched = self.fetcher.fetch(item.value)
        suffix = Path(fetched.url.split("?", 1)[0]).suffix
        if suffix not in (".json", ".jsonl", ".rss", ".atom", ".txt"):
            suffix = ""  # a page's .html/.php/.aspx says nothing reliable; the content type does
        fmt = detect_format(suffix, fetched.content_type, fetched.data[:4096])
        if fmt == "jsonl":
            yield from iter_jsonl(
                fetched.data.splitlines(), source=item.value, max_bytes=int(self.settings.max_bytes)
            )
            return
        yield from self._drafts(
            fetched.data, fmt, source=item.value, url=fetched.url, content_type=fetched.content_type
        )

    def _drafts(
        self,
        data: bytes,
        fmt: str,
        *,
        source: str,
        url: str | None = None,
        file_name: str | None = None,
        relative_path: str | None = None,
        content_type: str = "",
    ) -> Iterator[Draft | IngestError]:
        if not data.strip():
            raise IngestError("the input is empty", reason="empty", source=source)
        if fmt == "feed":
            yield from iter_feed(data, source=source, feed_url=url)
            return
        text = decode_bytes(data, source=source, declared=declared_charset(data, content_type))
        if fmt == "json":
            yield from iter_json(text, source=source)
        elif fmt == "html":
            yield read_html(text, source=source, url=url, file_name=file_name, relative_path=relative_path)
        else:
            draft = read_text(text, source=source, file_name=file_name, relative_path=relative_path)
            yield draft if url is None else draft.merged({"url": url})
