"""The kernel websocket, hardened against messages that would freeze the server."""

from __future__ import annotations

from typing import Any

from tornado.concurrent import Future
from tornado.log import app_log
from tornado.websocket import WebSocketClosedError
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from course_server.connection import POLICY_VIOLATION, CourseKernelConnection
from course_server.frames import is_of_type

#: Largest message a browser may send, in bytes (tornado's default is 10 MiB). Measured: the
#: largest frame real lessons send from Chromium, with every control used, is 561 bytes (a widget
#: update holding a 200-character answer); a bigger one closes the websocket (code 1009).
#: ``Voila.tornado_settings`` key ``websocket_max_message_size`` overrides it.
MAX_MESSAGE_BYTES = 64 * 1024
#: Largest message accepted on the request-info websocket, where no one should send anything.
REQUEST_INFO_MAX_BYTES = 1024


class CourseKernelWebsocketHandler(VoilaKernelWebsocketHandler):  # type: ignore[misc]
    """Voila's kernel websocket, with its two unchecked binary readers replaced.

    Voila reads the header of every binary message it writes as if it were v1, also on the
    legacy protocol, whose layout is different: a legacy message in two parts (its JSON and one
    buffer) reads as a count of 0x0c00000002000000 offsets and loops for ever (SIGTERM waits on
    the blocked event loop). Here the layout follows the websocket's subprotocol and is checked
    first (``course_server.frames``). Messages from the browser go through
    ``CourseKernelConnection``, which checks them the same way.
    """

    @property
    def max_message_size(self) -> int:
        return int(self.settings.get("websocket_max_message_size", MAX_MESSAGE_BYTES))

    @property
    def kernel_websocket_connection_class(self) -> type:
        """The course's connection, or a subclass of it that Voila is configured with."""
        configured = self.settings.get("kernel_websocket_connection_class")
        if isinstance(configured, type) and issubclass(configured, CourseKernelConnection):
            return configured
        return CourseKernelConnection

    def write_message(
        self, message: bytes | str | dict[str, Any], binary: bool = False
    ) -> Future[None] | None:
        # As Voila intends: the code a kernel echoes as it executes never reaches the page.
        if is_of_type(message, "execute_input", protocol=self._subprotocol()):
            return None
        # Voila's own write_message is the unchecked reader; skip it.
        return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)  # type: ignore[no-any-return]

    def _subprotocol(self) -> str | None:
        """The subprotocol in use (tornado asserts when the connection is already closed)."""
        connection = self.ws_connection
        return None if connection is None else connection.selected_subprotocol


class CourseRequestInfoSocketHandler(RequestInfoSocketHandler):  # type: ignore[misc]
    """Voila's request-info websocket (``/voila/query/<kernel id>``): a preheated kernel reads
    its page's URL query from it. Only the server writes on it; Voila leaves a message sent to it
    unhandled, so tornado logs a traceback, after reading up to 10 MiB of it. Here a message
    of any size closes it, with one log line.

    A kernel's connection can drop while it waits (on a loaded machine its keep-alive pings go
    unanswered). A query written to a dropped connection is kept, as one sent before the kernel
    connected is, and delivered when the kernel connects again (``widgets.learner`` retries);
    Voila would lose it, and log an unretrieved ``WebSocketClosedError``."""

    _kernel_id = ""

    @property
    def max_message_size(self) -> int:
        return REQUEST_INFO_MAX_BYTES

    def open(self, kernel_id: str) -> None:
        self._kernel_id = kernel_id
        super().open(kernel_id)

    def write_message(
        self, message: bytes | str | dict[str, Any], binary: bool = False
    ) -> Future[None] | None:
        try:
            sent: Future[None] = super().write_message(message, binary)
        except WebSocketClosedError:
            self._keep(message)
            return None
        sent.add_done_callback(lambda done: self._kept_if_lost(done, message))
        return sent

    def _kept_if_lost(self, sent: Future[None], message: bytes | str | dict[str, Any]) -> None:
        if sent.exception() is not None:  # also marks the exception as retrieved
            self._keep(message)

    def _keep(self, message: bytes | str | dict[str, Any]) -> None:
        app_log.info("A kernel's query connection was lost; the query waits for it to reconnect")
        RequestInfoSocketHandler._cache[self._kernel_id] = message

    def on_message(self, message: str | bytes) -> None:
        app_log.warning("Refused a message on the request-info websocket; closing it.")
        self.close(POLICY_VIOLATION, "no message expected")
