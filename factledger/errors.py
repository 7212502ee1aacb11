"""Exception hierarchy.

    FactledgerError
    ├── ConfigError            bad setting or environment (terminal)
    ├── IngestError            an input item could not be read (per item; the batch goes on)
    │   └── FetchError         a URL could not be fetched
    │       └── TransientFetchError   timeouts, 5xx: worth retrying
    ├── ExtractionError        the NLP pipeline could not be loaded or run
    ├── StoreError             the database refused an operation
    │   └── NotFoundError      no such article, report or incident
    ├── EvaluationError        an evaluation folder is missing or malformed
    └── StageNotBuiltError     a stage asked for has not been built yet

Library code raises these, chained with ``from`` to the original cause; the CLI and the API turn
them into user-facing messages and exit codes / HTTP statuses.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EvaluationError",
    "ExtractionError",
    "FactledgerError",
    "FetchError",
    "IngestError",
    "NotFoundError",
    "StageNotBuiltError",
    "StoreError",
    "TransientFetchError",
]


class FactledgerError(Exception):
    """Base class of every error factledger raises on purpose."""


class ConfigError(FactledgerError):
    """A setting or the environment is wrong; retrying will not help."""


class IngestError(FactledgerError):
    """One input item could not be turned into an Article.

    ``reason`` is a short machine-readable word stored with the rejection.
    """

    def __init__(self, message: str, *, reason: str = "malformed", source: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.source = source


class FetchError(IngestError):
    """A URL could not be fetched (refused address, HTTP error, too large)."""


class TransientFetchError(FetchError):
    """A fetch failed in a way that may succeed later (timeout, 5xx)."""


class ExtractionError(FactledgerError):
    """The NLP pipeline could not be loaded or failed on a document."""


class StoreError(FactledgerError):
    """The store refused an operation."""


class NotFoundError(StoreError):
    """No row with the requested id."""


class EvaluationError(FactledgerError):
    """An evaluation folder is missing or not in the documented format."""


class StageNotBuiltError(FactledgerError):
    """The requested stage or evaluation task has not been built yet."""
