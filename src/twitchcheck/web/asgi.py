"""The ASGI entry point for servers: `uvicorn twitchcheck.web.asgi:app` (settings from the environment)."""

from twitchcheck.web.app import create_app

app = create_app()
