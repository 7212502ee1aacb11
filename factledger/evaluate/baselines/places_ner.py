"""Places baseline: the first GPE/LOC entity of spaCy's NER, looked up exactly in the gazetteer
(most populous match). What a pipeline without our place rules would give."""

from __future__ import annotations

from spacy.tokens import Doc

from factledger.extract.gazetteer import GazEntry, Gazetteer, load_gazetteer

__all__ = ["ner_place"]


def ner_place(doc: Doc, gazetteer: Gazetteer | None = None) -> GazEntry | None:
    gaz = gazetteer or load_gazetteer()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        cands = [gaz.entry(i) for i, exact in gaz.lookup(ent.text, fuzzy=False) if exact]
        if cands:
            return max(cands, key=lambda e: e.population)
    return None
