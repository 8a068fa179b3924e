"""The link from one kernel websocket to its kernel, refusing frames it cannot unpack safely."""

from __future__ import annotations

import struct

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from course_server.frames import V1_PROTOCOL, FrameError, check_legacy, check_v1

#: What unpacking a malformed message raises inside jupyter_server: bad JSON or UTF-8
#: (ValueError), JSON nested past the recursion limit, a header that is not an object, a missing
#: part, a legacy offset table that does not match its count.
UNPACKING_ERRORS = (
    ValueError,
    RecursionError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    struct.error,
)
#: WebSocket close code 1008, "policy violation" (RFC 6455, section 7.4.1).
POLICY_VIOLATION = 1008


class CourseKernelConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's ZMQ connection, with every incoming frame checked before it is unpacked.

    A frame that is not what the protocol says (a v1 offset table that does not fit its frame,
    a legacy count past its offsets, JSON that does not parse) is dropped with one log line and
    the websocket closed: no browser sends one, and unpacking it unchecked can loop for ever.
    """

    def handle_incoming_message(self, incoming_msg: str | bytes) -> None:
        try:
            if self.subprotocol == V1_PROTOCOL:
                if not isinstance(incoming_msg, bytes):
                    raise FrameError("a text message on the binary v1 protocol")
                check_v1(incoming_msg)
            elif isinstance(incoming_msg, bytes):
                check_legacy(incoming_msg)
            # jupyter_server annotates ``str``, but takes the bytes of binary frames too.
            super().handle_incoming_message(incoming_msg)  # type: ignore[arg-type]
        except UNPACKING_ERRORS as error:
            self._refuse(error)

    def _refuse(self, error: BaseException) -> None:
        reason = str(error)[:120] or type(error).__name__
        self.log.warning(
            "Kernel %s: refused a malformed websocket message (%s: %s); closing the websocket.",
            self.kernel_id,
            type(error).__name__,
            reason,
        )
        self.websocket_handler.close(POLICY_VIOLATION, "malformed kernel message")
