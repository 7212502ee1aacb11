"""What evaluation tasks share: the folder, one Extractor, and parsed documents cached on disk.

Parsing with the statistical model is the slow part of extraction and does not change when
factledger's own components do, so parsed Docs are cached (a spaCy DocBin keyed by the model and the
texts). Components always run afresh, so a cached parse never hides a change in our code.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy import about as spacy_about
from spacy.tokens import Doc, DocBin

from factledger.evaluate.data import EvalDocument, EvalFolder
from factledger.extract import Extractor
from factledger.extract.paragraphs import PARSE_VERSION
from factledger.models import Report

__all__ = ["EvalContext"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def _cache_key(model: str, texts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{model}\x00{spacy_about.__version__}\x00{PARSE_VERSION}\x00".encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest()[:24]


@dataclass
class EvalContext:
    folder: EvalFolder
    extractor: Extractor = field(default_factory=Extractor)
    cache_dir: Path | None = None
    progress: Progress | None = None
    _docs: dict[str, Doc] = field(default_factory=dict, repr=False)
    _reports: dict[str, Report] = field(default_factory=dict, repr=False)

    def _cache_path(self, documents: list[EvalDocument]) -> Path | None:
        if self.cache_dir is None:
            return None
        key = _cache_key(self.extractor.model, (d.article.text for d in documents))
        return self.cache_dir.expanduser() / "parsed" / f"{self.folder.name}-{key}.spacy"

    def parsed(self, documents: list[EvalDocument] | None = None) -> dict[str, Doc]:
        """Statistical parses by doc_id, from the cache when possible."""
        documents = self.folder.documents if documents is None else documents
        if any(d.doc_id not in self._docs for d in documents):
            # The cache holds the whole folder under one key, so every task (whatever subset and
            # order it asks for) reuses the same parse instead of re-parsing under a new key.
            self._load_or_parse(self.folder.documents)
        return {d.doc_id: self._docs[d.doc_id] for d in documents}

    def _load_or_parse(self, documents: list[EvalDocument]) -> None:
        path = self._cache_path(documents)
        nlp = self.extractor.nlp
        if path is not None and path.is_file():
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if len(docs) == len(documents):
                self._docs.update({d.doc_id: doc for d, doc in zip(documents, docs, strict=True)})
                return
            log.warning("parse cache %s has the wrong size; re-parsing", path)
        parsed: list[Doc] = []
        for i, doc in enumerate(self.extractor.parse(d.article.text for d in documents), 1):
            parsed.append(doc)
            if self.progress is not None:
                self.progress(i, len(documents))
        self._docs.update({d.doc_id: doc for d, doc in zip(documents, parsed, strict=True)})
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            bin_ = DocBin(store_user_data=False)
            for doc in parsed:
                bin_.add(doc)
            bin_.to_disk(path)

    def reports(self, documents: list[EvalDocument] | None = None) -> dict[str, Report]:
        """Reports by doc_id: cached parse plus a fresh run of factledger's components."""
        documents = self.folder.documents if documents is None else documents
        docs = self.parsed(documents)
        for d in documents:
            if d.doc_id not in self._reports:
                # Components annotate the Doc in place; annotate a copy so the cache stays a pure parse.
                doc = docs[d.doc_id].copy()
                self._reports[d.doc_id] = self.extractor.report(doc, d.article)
        return {d.doc_id: self._reports[d.doc_id] for d in documents}

    def annotated(self, document: EvalDocument) -> Doc:
        """A freshly annotated copy of one document's parse (for tasks that read Doc attributes)."""
        doc = self.parsed([document])[document.doc_id].copy()
        return self.extractor.annotate(doc, document.article)
