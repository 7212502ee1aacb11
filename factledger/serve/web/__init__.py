"""The web page served by the API app: Jinja2 templates and local static assets (Leaflet from xstatic)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

__all__ = ["install"]

STATIC = Path(__file__).resolve().parent / "static"


def install(app: FastAPI) -> None:
    """Mount the pages and their assets on ``app``; every asset is served from this machine."""
    import xstatic.pkg.leaflet as leaflet

    from factledger.serve.web.pages import router

    app.mount("/static/leaflet", StaticFiles(directory=str(leaflet.BASE_DIR)), name="leaflet")
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(router)
