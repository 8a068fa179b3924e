"""The two binary layouts of kernel messages on the websocket, read without trusting them.

jupyter_server speaks two layouts (its ``docs/source/developers/websocket-protocols.rst``):

- **v1** (``v1.kernel.websocket.jupyter.org``): an 8-byte little-endian count ``n``, then ``n``
  8-byte offsets; the parts between consecutive offsets are the channel name, header, parent
  header, metadata, content and any buffers.
- **legacy binary** (no subprotocol; a message with buffers): a 4-byte big-endian count ``n``,
  then ``n`` 4-byte offsets; the first part is the whole message as JSON, the others its buffers.
  Legacy messages without buffers are JSON text.

jupyter_server and Voila read the count and loop over it before any check, so one 8-byte frame
holding 2**63 (or a legacy frame read as v1) loops for ever. Here the count is checked against the
frame's own length first: reading costs at most one pass over the offset table.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any, Literal

Order = Literal["big", "little"]

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: Channel, header, parent header, metadata and content: the parts every message has.
MESSAGE_PARTS = 5
#: Buffers a message may carry. The course's pages send none (measured: every frame that real
#: lessons send from Chromium has no buffers); widgets that send binary data send a few.
MAX_BUFFERS = 16
CHANNELS = frozenset({"shell", "iopub", "stdin", "control"})


class FrameError(ValueError):
    """A frame that does not follow the layout it claims."""


def _offsets(frame: bytes, *, width: int, order: Order, fewest: int, most: int | None) -> list[int]:
    """The offset table of a frame: a count, then that many offsets, each ``width`` bytes.

    Checked: the count is at least ``fewest`` and at most ``most`` (None: as many as fit), the
    table fits in the frame, the first part starts after the table, and the offsets never
    decrease nor pass the end of the frame. (They may repeat: an empty buffer is a part.)
    """
    if len(frame) < width:
        raise FrameError(f"{len(frame)} bytes: shorter than its count")
    count = int.from_bytes(frame[:width], order)
    if count < fewest:
        raise FrameError(f"{count} offsets: fewer than {fewest}")
    if most is not None and count > most:
        raise FrameError(f"{count} offsets: more than {most}")
    table_end = width * (count + 1)
    if table_end > len(frame):
        raise FrameError(f"{count} offsets do not fit in {len(frame)} bytes")
    offsets = [
        int.from_bytes(frame[width * i : width * (i + 1)], order) for i in range(1, count + 1)
    ]
    if offsets[0] < table_end:
        raise FrameError("the first part overlaps the offset table")
    if any(later < earlier for earlier, later in pairwise(offsets)):
        raise FrameError("the offsets decrease")
    if offsets[-1] > len(frame):
        raise FrameError(f"an offset points past the end of the {len(frame)}-byte frame")
    return offsets


def v1_offsets(frame: bytes, *, max_buffers: int | None = MAX_BUFFERS) -> list[int]:
    """The checked offsets of a v1 frame: the channel's start, then the end of each part."""
    most = None if max_buffers is None else MESSAGE_PARTS + 1 + max_buffers
    return _offsets(frame, width=8, order="little", fewest=MESSAGE_PARTS + 1, most=most)


def legacy_offsets(frame: bytes, *, max_buffers: int | None = MAX_BUFFERS) -> list[int]:
    """The checked offsets of a legacy binary frame: where the JSON and each buffer start."""
    most = None if max_buffers is None else 1 + max_buffers
    return _offsets(frame, width=4, order="big", fewest=1, most=most)


def check_v1(frame: bytes) -> None:
    """Raise ``FrameError`` unless jupyter_server can unpack ``frame`` as a v1 message."""
    offsets = v1_offsets(frame)
    try:
        channel = frame[offsets[0] : offsets[1]].decode("utf-8")
    except UnicodeDecodeError as error:
        raise FrameError("the channel name is not UTF-8") from error
    if channel not in CHANNELS:
        raise FrameError(f"no such channel: {channel[:20]!r}")


def check_legacy(frame: bytes) -> None:
    """Raise ``FrameError`` unless jupyter_server can split ``frame`` as a legacy binary message.

    (jupyter_server builds a struct format of ``count`` characters before any check: a count of
    2**31 - 1 asks for a 2 GB string.)
    """
    legacy_offsets(frame)


def _json_object(data: bytes | str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _header(message: bytes | str | dict[str, Any], protocol: str | None) -> object:
    if isinstance(message, dict):
        return message.get("header")
    if isinstance(message, str):
        return _json_object(message).get("header")
    try:
        if protocol == V1_PROTOCOL:
            offsets = v1_offsets(message, max_buffers=None)
            return _json_object(message[offsets[1] : offsets[2]])
        offsets = legacy_offsets(message, max_buffers=None)
        return _json_object(message[offsets[0] : offsets[1]]).get("header")
    except FrameError:
        return None


def is_of_type(
    message: bytes | str | dict[str, Any], msg_type: str, *, protocol: str | None
) -> bool:
    """Whether a message the server writes to a client has this ``msg_type``.

    ``protocol`` is the websocket's subprotocol: it, not the bytes, says which layout a binary
    message has. A message that never names the type is not parsed (widget states run to MBs).
    """
    if not isinstance(message, dict):
        name = msg_type.encode() if isinstance(message, bytes) else msg_type
        if name not in message:  # type: ignore[operator]  # bytes in bytes, str in str
            return False
    header = _header(message, protocol)
    return isinstance(header, dict) and header.get("msg_type") == msg_type
