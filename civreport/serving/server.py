"""The editor served on this machine until the clerk stops it: Ctrl-C or SIGTERM stop it once
and in order (the open requests answered, the preview workers closed), without a traceback."""

from __future__ import annotations

import socket
from types import FrameType

import uvicorn
from starlette.applications import Starlette


class _Server(uvicorn.Server):
    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # Only stop. Uvicorn would also force its way out on a second Ctrl-C, skipping the app's
        # shutdown (the preview workers) and printing its traceback, and raise the signal again
        # once stopped (a KeyboardInterrupt; death by SIGTERM).
        self.should_exit = True


def serve(app: Starlette, port: int) -> None:
    """Serve ``app`` on ``port`` of 127.0.0.1 until stopped; OSError when the port cannot be had
    (taken, or not allowed), for the caller to word (uvicorn would log it and exit)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: at once on a port just left
        sock.bind(("127.0.0.1", port))
        _Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")).run(sockets=[sock])
