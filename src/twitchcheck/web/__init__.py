"""The web app and JSON API (FastAPI): pages for people, /api/v1 for clinics."""

from twitchcheck.web.app import create_app

__all__ = ["create_app"]
