"""Evaluation tasks. Each is a module here exposing ``run(ctx: EvalContext) -> dict``.

The dict's keys are the metric names the issues define; a ``baselines`` key, when present, maps a
baseline's name to the same metrics computed in the same run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from factledger.errors import StageNotBuiltError

__all__ = ["TASKS", "TaskFn", "get_task"]

TaskFn = Callable[..., dict[str, Any]]

TASKS: dict[str, str] = {
    "figures": "Casualty figures: headline exact match, figure P/R/F1, party and status accuracy.",
    "places": "Primary incident place within 25 km of gold; country accuracy.",
    "dates": "Primary incident date exact, over reports with a publication date.",
    "types": "Primary incident type on FORMAT.md's coarse classes.",
    "clusters": "Reports grouped into incidents: B-cubed and pairwise F1, in arrival order.",
    "incidents": "End to end: best estimates against gold final tolls.",
    "quotes": "Direct quotes and attributions with speakers (PolNeAR-style gold).",
    "speed": "Extraction throughput and peak memory.",
}


def get_task(name: str) -> TaskFn:
    if name not in TASKS:
        raise StageNotBuiltError(f"unknown task {name!r}; tasks: {', '.join(TASKS)}")
    module_name = f"factledger.evaluate.tasks.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise StageNotBuiltError(f"evaluation task {name!r} is not built yet") from exc
    run: TaskFn = module.run
    return run
