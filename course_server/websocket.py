"""The kernel websocket, hardened against messages that would freeze the server."""

from __future__ import annotations

from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler


class CourseKernelWebsocketHandler(VoilaKernelWebsocketHandler):  # type: ignore[misc]
    """Voila's kernel websocket handler (to be hardened)."""
