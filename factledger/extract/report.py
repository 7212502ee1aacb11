"""Turning an annotated Doc into a Report."""

from __future__ import annotations

from spacy.tokens import Doc

from factledger.extract.extensions import doc_list
from factledger.extract.nlp import built_stages
from factledger.models import Article, Report

__all__ = ["EXTRACTOR_VERSION", "doc_to_report"]

EXTRACTOR_VERSION = "0.1"


def doc_to_report(doc: Doc, article: Article) -> Report:
    return Report(
        article_id=article.id,
        published=article.published,
        mentions=tuple(doc_list(doc, "mentions")),
        figures=tuple(doc_list(doc, "figures")),
        places=tuple(doc_list(doc, "places")),
        dates=tuple(doc_list(doc, "dates")),
        actors=tuple(doc_list(doc, "actors")),
        quotes=tuple(doc_list(doc, "quotes")),
        weapons=tuple(doc_list(doc, "weapons")),
        damage=tuple(doc_list(doc, "damage")),
        stages=dict(built_stages()),
        extractor_version=EXTRACTOR_VERSION,
    )
