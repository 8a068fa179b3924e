"""The lesson page handler: Voila's, with a busy page that tells the browser when to retry."""

from __future__ import annotations

from typing import Any

from voila.tornado.handler import TornadoVoilaHandler

#: Seconds a browser (or a student) should wait before asking again when the course is busy;
#: the busy page says "Try again in a minute".
RETRY_AFTER_S = 60


class CourseVoilaHandler(TornadoVoilaHandler):  # type: ignore[misc]  # voila is untyped
    """Voila's page handler. At the kernel cap (``course_server.kernels``) the page is the
    template's ``503.html`` with a ``Retry-After`` header, never a traceback."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code == 503:
            # tornado clears every header before it writes an error page, so set them here.
            self.set_header("Retry-After", str(RETRY_AFTER_S))
            self.set_header("Cache-Control", "no-store")
        super().write_error(status_code, **kwargs)
