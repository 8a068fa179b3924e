"""The websocket frame readers: what jupyter_server writes is read; a lying offset table is refused
after one pass over the frame's own bytes, never a loop over the count it claims."""

from __future__ import annotations

import json
import struct
import time
from itertools import pairwise
from typing import Any

import pytest
from jupyter_server.services.kernels.connection.base import (
    deserialize_binary_message,
    deserialize_msg_from_ws_v1,
    serialize_binary_message,
    serialize_msg_to_ws_v1,
)

from course_server.frames import (
    MAX_BUFFERS,
    V1_PROTOCOL,
    FrameError,
    check_legacy,
    check_v1,
    is_of_type,
    legacy_offsets,
    v1_offsets,
)


def kernel_message(msg_type: str, buffers: list[bytes] | None = None) -> dict[str, Any]:
    return {
        "header": {"msg_id": "1", "msg_type": msg_type, "session": "s", "version": "5.4"},
        "parent_header": {},
        "metadata": {},
        "content": {"data": {"method": "update"}},
        "buffers": buffers or [],
        "channel": "iopub",
    }


def v1(msg: dict[str, Any], channel: str = "shell") -> bytes:
    pack = lambda part: json.dumps(part).encode()  # noqa: E731
    parts = [pack(msg[key]) for key in ("header", "parent_header", "metadata", "content")]
    return serialize_msg_to_ws_v1([*parts, *msg["buffers"]], channel)


def v1_table(offsets: list[int], body: bytes = b"") -> bytes:
    return b"".join(n.to_bytes(8, "little") for n in (len(offsets), *offsets)) + body


def legacy(msg: dict[str, Any]) -> bytes:
    return serialize_binary_message(msg)  # type: ignore[no-any-return]


# What jupyter_server writes is read as jupyter_server reads it.


@pytest.mark.parametrize("buffers", [[], [b"\x00" * 10], [b"", b"abc"]])
def test_a_v1_frame_from_jupyter_server_passes_and_splits_as_jupyter_server_splits_it(
    buffers: list[bytes],
) -> None:
    frame = v1(kernel_message("comm_msg", buffers))
    check_v1(frame)
    offsets = v1_offsets(frame)
    channel, parts = deserialize_msg_from_ws_v1(frame)
    assert channel == "shell"
    assert [frame[a:b] for a, b in pairwise(offsets[1:])] == parts


def test_a_legacy_binary_frame_from_jupyter_server_passes() -> None:
    frame = legacy(kernel_message("comm_msg", [b"x" * 5]))
    check_legacy(frame)
    assert deserialize_binary_message(frame)["buffers"] == [b"x" * 5]
    assert legacy_offsets(frame)[0] == 12  # the JSON starts after a count and two offsets


# Lying tables are refused, and fast.


def test_a_count_of_2_to_the_63_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(FrameError, match="offsets"):
        check_v1((2**63).to_bytes(8, "little"))
    assert time.perf_counter() - started < 0.01


def test_a_legacy_frame_read_as_v1_is_refused_not_looped_over() -> None:
    """Finding 1: Voila read this two-part legacy frame as v1, a count of 0x0c00000002000000."""
    frame = legacy(kernel_message("comm_msg", [b"image"]))
    assert int.from_bytes(frame[:8], "little") == 0x0C00000002000000
    with pytest.raises(FrameError):
        v1_offsets(frame, max_buffers=None)


def test_a_legacy_count_of_2_to_the_31_is_refused_before_any_format_string() -> None:
    with pytest.raises(FrameError, match="more than"):
        check_legacy((2**31 - 1).to_bytes(4, "big") + bytes(8))


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        (b"", "shorter than its count"),
        ((6).to_bytes(8, "little"), "do not fit"),
        (v1_table([56, 61, 70, 65, 80, 90], bytes(40)), "decrease"),
        (v1_table([8, 61, 62, 63, 64, 65], bytes(40)), "overlaps the offset table"),
        (v1_table([56, 61, 62, 63, 64, 10_000], bytes(40)), "past the end"),
        (v1_table([56] * 5), "fewer than 6"),
        (v1_table([8 * 30] * 29), f"more than {6 + MAX_BUFFERS}"),
    ],
)
def test_a_v1_table_that_does_not_fit_its_frame_is_refused(frame: bytes, reason: str) -> None:
    with pytest.raises(FrameError, match=reason):
        check_v1(frame)


def test_a_v1_frame_for_no_known_channel_is_refused() -> None:
    with pytest.raises(FrameError, match="no such channel"):
        check_v1(v1(kernel_message("comm_msg"), channel="nope"))
    with pytest.raises(FrameError, match="UTF-8"):
        check_v1(v1(kernel_message("comm_msg"), channel="shell").replace(b"shell", b"\xffhell"))


def test_a_legacy_table_past_its_frame_is_refused() -> None:
    with pytest.raises(FrameError, match="past the end"):
        check_legacy(struct.pack("!3I", 2, 12, 2**31) + b"{}")


# The type of a message the server writes, in each layout.


@pytest.mark.parametrize("protocol", [V1_PROTOCOL, None])
def test_the_type_of_an_outgoing_binary_message_follows_the_websocket_protocol(
    protocol: str | None,
) -> None:
    msg = kernel_message("execute_input", [b"\x01\x02"])
    frame = v1(msg) if protocol else legacy(msg)
    assert is_of_type(frame, "execute_input", protocol=protocol)
    assert not is_of_type(frame, "comm_msg", protocol=protocol)


def test_the_type_of_text_and_dict_messages() -> None:
    msg = kernel_message("execute_input")
    assert is_of_type(json.dumps(msg), "execute_input", protocol=None)
    assert is_of_type(msg, "execute_input", protocol=None)
    assert not is_of_type("[not, json", "execute_input", protocol=None)


def test_a_binary_message_in_the_other_layout_is_of_no_type() -> None:
    msg = kernel_message("execute_input", [b"\x01"])
    assert not is_of_type(legacy(msg), "execute_input", protocol=V1_PROTOCOL)
    assert not is_of_type(v1(msg), "execute_input", protocol=None)
