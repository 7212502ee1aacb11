"""factledger: a sourced, reconciled ledger of violent incidents from news reports."""

from __future__ import annotations

import logging

from factledger.errors import (
    ConfigError,
    EvaluationError,
    ExtractionError,
    FactledgerError,
    FetchError,
    IngestError,
    NotFoundError,
    StageNotBuiltError,
    StoreError,
    TransientFetchError,
)
from factledger.models import (
    Actor,
    Article,
    Change,
    Damage,
    EventDate,
    EventType,
    FactSheet,
    Figure,
    FigureEstimate,
    Incident,
    IncidentMention,
    Place,
    Quote,
    Rejection,
    Report,
    TextSpan,
    Weapon,
)
from factledger.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Change",
    "ConfigError",
    "Damage",
    "EvaluationError",
    "EventDate",
    "EventType",
    "ExtractionError",
    "FactSheet",
    "FactledgerError",
    "FetchError",
    "Figure",
    "FigureEstimate",
    "Incident",
    "IncidentMention",
    "IngestError",
    "NotFoundError",
    "Place",
    "Quote",
    "Rejection",
    "Report",
    "Settings",
    "StageNotBuiltError",
    "StoreError",
    "TextSpan",
    "TransientFetchError",
    "Weapon",
    "__version__",
    "load_settings",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
