"""Serve a built catalogue on localhost (static files only, read-only, no logging)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from repospbe.errors import InputError


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/plain; charset=utf-8",
        ".yaml": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        return


def make_server(site: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server for ``site`` (port 0: a free port; read it from ``server_address``)."""
    if not (site / "index.html").is_file():
        raise InputError("catalogue.not-built", site=str(site))
    handler = functools.partial(_QuietHandler, directory=str(site))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise InputError("catalogue.serve-failed", host=host, port=port, error=str(exc)) from exc


def address(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"
