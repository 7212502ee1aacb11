"""HTML pages: main text and metadata through trafilatura, with the lead paragraph kept.

trafilatura picks the element that holds the article body and reads only inside it, so a lead
paragraph (standfirst) placed before that element, as many sites do, is lost; and the lead is where
news reports put the headline figures. After extraction we walk the cleaned page and put back the
paragraphs that precede the extracted body inside the same article container.

Published and updated dates are told apart: trafilatura gives the original publication date,
the page's modification meta tags (or JSON-LD ``dateModified``) give the update.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import trafilatura
from lxml import etree, html
from lxml_html_clean import Cleaner
from trafilatura.settings import Document

from factledger.errors import IngestError
from factledger.ingest.draft import Draft, outlet_of, parse_date

__all__ = ["read_html"]

log = logging.getLogger(__name__)

_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=False,
    meta=False,
    page_structure=False,
    forms=True,
    annoying_tags=True,
    remove_unknown_tags=False,
    safe_attrs_only=False,
)
_LEAD_CLASS = re.compile(r"lead|standfirst|intro|summary|dek|subhead|excerpt|teaser|kicker", re.I)
_BOILERPLATE_ANCESTORS = {"nav", "header", "footer", "aside", "figure", "figcaption", "form", "button"}
_SENTENCE_END = re.compile(r"[.!?\"'”’)]\s*$")
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _in_boilerplate(el: Any, container: Any) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not container:
        if isinstance(parent.tag, str) and parent.tag.lower() in _BOILERPLATE_ANCESTORS:
            return True
        parent = parent.getparent()
    return False


def _container(tree: Any) -> Any:
    for xpath in ("//article", "//main", "//*[@role='main']", "//body"):
        found = tree.xpath(xpath)
        if found:
            return found[0]
    return tree


_BLOCK_TAGS = {"p", "div", "section", "li", "td", "blockquote", "h2", "h3", "article", "main", "body"}
_MAX_LEADS = 3


def _body_start(container: Any, first_line: str) -> Any | None:
    """The block element holding the first line of the extracted body."""
    probe = first_line[:30]
    for node in container.xpath(".//text()"):
        if probe in _norm(str(node)):
            el = node.getparent()
            while el is not None and el.tag not in _BLOCK_TAGS:
                el = el.getparent()
            return el
    return None


def _lead_paragraphs(tree: Any, body: str) -> list[str]:
    """Paragraphs before the extracted body, inside the article container, that the body lacks."""
    first_line = _norm(body.split("\n", 1)[0])
    if len(first_line) < 10:
        return []
    container = _container(tree)
    start = _body_start(container, first_line)
    if start is None:
        return []  # cannot tell where the body starts; adding text blindly would be worse
    ancestors = set(start.iterancestors())
    normalized_body = _norm(body)
    leads: list[str] = []
    for el in container.iter():
        if el is start:
            break
        if el in ancestors or not isinstance(el.tag, str):
            continue
        is_lead_block = bool(_LEAD_CLASS.search(el.get("class", "") or "")) and not el.xpath(".//p")
        if el.tag != "p" and not is_lead_block:
            continue
        text = _norm(el.text_content())
        if _in_boilerplate(el, container) or len(text) < 40 or not _SENTENCE_END.search(text):
            continue
        if text in normalized_body or any(text in lead for lead in leads):
            continue
        leads.append(text)
    return leads[-_MAX_LEADS:]


_MODIFIED_XPATHS = (
    "//meta[@property='article:modified_time']/@content",
    "//meta[@property='og:updated_time']/@content",
    "//meta[@itemprop='dateModified']/@content",
    "//meta[@name='last-modified' or @name='dcterms.modified' or @name='DC.date.modified']/@content",
    "//time[@itemprop='dateModified']/@datetime",
)
_JSONLD_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]+)"')


def _modified_date(data: str, tree: Any) -> str | None:
    """The page's stated last-modified date (ISO text), from meta tags or JSON-LD."""
    if tree is not None:
        for xpath in _MODIFIED_XPATHS:
            found = tree.xpath(xpath)
            if found and str(found[0]).strip():
                return str(found[0]).strip()
    match = _JSONLD_MODIFIED.search(data)
    return match.group(1) if match else None


def _date(value: str | None, source: str) -> dt.date | None:
    try:
        return parse_date(value, source=source)
    except IngestError:
        log.info("ignoring unreadable page date %r in %s", value, source)
        return None


def _parse(data: str) -> Any:
    try:
        tree = html.document_fromstring(data)
        return _CLEANER.clean_html(tree)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"not parseable as HTML: {exc}", reason="malformed") from exc


def read_html(
    data: str,
    *,
    source: str,
    url: str | None = None,
    file_name: str | None = None,
    relative_path: str | None = None,
) -> Draft:
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise IngestError(f"HTML extraction failed: {exc}", reason="malformed", source=source) from exc
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        raise IngestError("no main text found in the page", reason="empty", source=source)
    body = doc.text or ""
    try:
        tree = _parse(data)
    except IngestError as exc:
        log.warning("lead recovery skipped for %s: %s", source, exc)
        tree = None
    lines = body.split("\n")
    if doc.title and len(lines) > 1 and _norm(lines[0]) == _norm(doc.title):
        lines = lines[1:]  # the headline, kept as the title
    leads = _lead_paragraphs(tree, "\n".join(lines)) if tree is not None else []
    text = "\n\n".join([*leads, *lines])
    page_url = url or doc.url
    published = _date(doc.date, source)
    updated = _date(_modified_date(data, tree), source)
    if updated is not None and published is not None and updated <= published:
        updated = None
    return Draft(
        text=text,
        source=source,
        title=doc.title,
        url=page_url,
        outlet=outlet_of(page_url) or doc.sitename,
        published=published,
        updated=updated,
        language=doc.language,
        file_name=file_name,
        relative_path=relative_path,
    )
