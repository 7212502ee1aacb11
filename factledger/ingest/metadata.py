"""Sidecar metadata: JSON Lines records that give a file's publication date, outlet, URL, title.

Each record names its file with ``file`` (or ``path``); a record matches a file by its path relative
to the folder being ingested, or else by its base name. Fields that are null are ignored, so a
sidecar fills what a file lacks without erasing what it has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.errors import IngestError
from factledger.ingest.draft import FIELDS, Draft
from factledger.models import Rejection

__all__ = ["Metadata", "load_metadata"]


@dataclass
class Metadata:
    path: Path | None = None
    by_key: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.by_key)

    def apply(self, draft: Draft) -> Draft:
        for key in (draft.relative_path, draft.file_name):
            if key and key in self.by_key:
                return draft.merged(self.by_key[key])
        return draft


def load_metadata(path: Path) -> tuple[Metadata, list[Rejection]]:
    """The sidecar's records, and a rejection for each line that cannot be used."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"cannot read metadata file {path}: {exc}", source=str(path)) from exc
    metadata = Metadata(path=path)
    rejections: list[Rejection] = []
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            rejections.append(Rejection(source=where, reason="malformed", detail=f"not valid JSON: {exc}"))
            continue
        if not isinstance(record, dict):
            rejections.append(Rejection(source=where, reason="malformed", detail="not a JSON object"))
            continue
        key = record.get("file") or record.get("path")
        if not isinstance(key, str) or not key:
            rejections.append(Rejection(source=where, reason="malformed", detail="no `file` field"))
            continue
        metadata.by_key[key.replace("\\", "/")] = {k: v for k, v in record.items() if k in FIELDS}
    return metadata, rejections
