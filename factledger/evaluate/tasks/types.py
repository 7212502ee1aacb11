"""``--task types``: the primary incident's type on FORMAT.md's coarse classes (issue 4).

Gold event types are free text, mapped by the first FORMAT.md rule that applies; gold "combined"
accepts either strike class. Ours map through :func:`factledger.extract.components.events.coarse_class`.
Baseline ``keywords``: the same gold rules applied to the report's own text.
"""

from __future__ import annotations

from typing import Any

from factledger.evaluate.context import EvalContext
from factledger.evaluate.metrics import ratio
from factledger.extract.components.events import coarse_class

__all__ = ["gold_coarse", "run"]

_STRIKES = frozenset({"air_drone_strike", "missile_artillery"})


def gold_coarse(text: str | None) -> str | None:
    """FORMAT.md's coarse class of a gold event type string (first rule that applies)."""
    if not text:
        return None
    t = text.casefold()
    if any(w in t for w in ("earthquake", "flood", "storm", "cyclone", "landslide", "fire (natural)")):
        return "disaster"
    if any(w in t for w in ("stampede", "crowd crush")) and "shooting" not in t:
        return "other"
    if any(w in t for w in ("shooting", "gunmen", "mass killing", "massacre by gunfire")):
        return "shooting"
    if ("bomb" in t.replace("glide bomb", "")) or any(
        w in t for w in ("ied", "explosion", "explosive", "booby-trap")
    ):
        return "bombing"
    if any(w in t for w in ("air strike", "airstrike", "drone", "glide bomb")):
        return "air_drone_strike"
    if any(w in t for w in ("missile", "rocket", "shelling", "artillery", "mlrs")):
        return "missile_artillery"
    if "combined" in t:
        return "combined"
    return "other"


def _correct(pred: str, gold: str) -> bool:
    return pred in _STRIKES if gold == "combined" else pred == gold


def run(ctx: EvalContext) -> dict[str, Any]:
    documents = [d for d in ctx.folder.documents if d.primary_incident in ctx.folder.incidents]
    reports = ctx.reports(documents)
    n = ok = base_ok = 0
    confusion: dict[str, int] = {}
    for d in documents:
        gold = gold_coarse(ctx.folder.incidents[d.primary_incident or ""].event_type)
        if gold is None:
            continue
        primary = reports[d.doc_id].primary()
        pred = coarse_class(primary.event_type if primary is not None else None)
        n += 1
        hit = _correct(pred, gold)
        ok += int(hit)
        if not hit:
            key = f"{gold}->{pred}"
            confusion[key] = confusion.get(key, 0) + 1
        base = gold_coarse(d.article.text) or "other"
        base_ok += int(_correct(base, gold))
    return {
        "documents": n,
        "type_accuracy": ratio(ok, n),
        "errors": dict(sorted(confusion.items(), key=lambda kv: -kv[1])),
        "baselines": {"keywords": {"type_accuracy": ratio(base_ok, n)}},
    }
