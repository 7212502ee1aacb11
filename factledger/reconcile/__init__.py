"""Reconciliation stage: Incident (+ its Reports and Articles) -> FactSheet.

Pure functions: the same incident and reports always give the same fact sheet. Rules for the
estimates are documented in ``docs/estimates.md``.
"""

from __future__ import annotations

from factledger.reconcile.changes import diff_sheets
from factledger.reconcile.sheet import figure_estimates, reconcile

__all__ = ["diff_sheets", "figure_estimates", "reconcile"]
