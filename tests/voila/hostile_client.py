"""A hostile client of the course server's kernel websocket, shared by tests/voila and bench/.

It speaks both protocols of jupyter_server's kernel websocket: legacy (JSON text, or a binary
layout for messages with buffers) and v1 (``v1.kernel.websocket.jupyter.org``, every message
binary), and builds the malformed frames and hostile widget messages a student's browser could be
made to send. Each attack is one connection to a lesson's kernel: what it sends, then a
``kernel_info_request`` whose reply shows the kernel has handled everything before it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import signal
import struct
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, WebSocketClosedError, websocket_connect

from course_server.frames import V1_PROTOCOL, legacy_offsets, v1_offsets
from tests.conftest import ROOT, TEST_LEARNER, running_voila_process
from tests.voila.processes import own_rss_mib

LEGACY = "legacy"
V1 = "v1"
PROTOCOLS = {LEGACY: None, V1: V1_PROTOCOL}
#: What a traceback or a path looks like in a reply.
TRACEBACK_MARKERS = ("Traceback", '.py"', "/work/", "site-packages")
#: The widget manager's control comm (ipywidgets' ``jupyter.widget.control`` target).
CONTROL_TARGET = "jupyter.widget.control"
#: Hostile strings repeat this word; a reply holding it four times over echoes one back.
PAYLOAD_WORD = "hostile"
ECHO_MARK = PAYLOAD_WORD * 4
#: A reply larger than this, other than the kernel's own widget updates, is too big ("a few KB").
REPLY_LIMIT_BYTES = 8 * 1024
#: The close codes of a refused websocket: policy violation, and message too big (RFC 6455).
POLICY_VIOLATION = 1008
TOO_BIG = 1009

Frame = bytes | str
#: A placeholder that ``dumps`` writes as a list nested ``DEEP_LEVELS`` deep (past the
#: recursion limit of Python's JSON encoder and decoder, 1000 by default).
DEEP = "__nested_too_deep__"
DEEP_LEVELS = 20_000
KERNEL_ID = re.compile(rb'kernelId": "([0-9a-f-]{36})"')


# Messages and frames


def message(
    msg_type: str, content: Any, *, channel: str = "shell", metadata: Any = None
) -> dict[str, Any]:
    """A kernel message as a front end sends it (``content`` may be anything, NaN included)."""
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "student",
            "session": "hostile",
            "date": "2026-01-01T00:00:00.000Z",
            "version": "5.4",
        },
        "parent_header": {},
        "metadata": {} if metadata is None else metadata,
        "content": content,
        "channel": channel,
        "buffers": [],
    }


def v1_parts(channel: bytes, parts: list[bytes]) -> bytes:
    """Parts in the v1 layout (jupyter_server's ``serialize_msg_to_ws_v1``)."""
    offsets = [8 * (len(parts) + 3)]
    for part in (channel, *parts):
        offsets.append(offsets[-1] + len(part))
    table = b"".join(n.to_bytes(8, "little") for n in (len(offsets), *offsets))
    return table + channel + b"".join(parts)


def dumps(value: Any) -> str:
    """JSON, NaN included, with ``DEEP`` written out as JSON nested too deep to encode here."""
    return json.dumps(value).replace(f'"{DEEP}"', "[" * DEEP_LEVELS + "0" + "]" * DEEP_LEVELS)


def v1_frame(msg: dict[str, Any], buffers: tuple[bytes, ...] = ()) -> bytes:
    keys = ("header", "parent_header", "metadata", "content")
    parts = [dumps(msg[key]).encode() for key in keys]
    return v1_parts(msg["channel"].encode(), [*parts, *buffers])


def legacy_text(msg: dict[str, Any]) -> str:
    return dumps({key: value for key, value in msg.items() if key != "buffers"})


def legacy_binary(msg: dict[str, Any], buffers: tuple[bytes, ...]) -> bytes:
    """``msg`` with buffers in the legacy layout (jupyter_server's ``serialize_binary_message``)."""
    parts = [legacy_text(msg).encode(), *buffers]
    offsets = [4 * (len(parts) + 1)]
    for part in parts[:-1]:
        offsets.append(offsets[-1] + len(part))
    return struct.pack(f"!{len(parts) + 1}I", len(parts), *offsets) + b"".join(parts)


def encode(msg: dict[str, Any], protocol: str) -> Frame:
    return v1_frame(msg) if protocol == V1 else legacy_text(msg)


def comm_msg(comm_id: str, data: Any, *, channel: str = "shell") -> dict[str, Any]:
    return message("comm_msg", {"comm_id": comm_id, "data": data}, channel=channel)


def update(comm_id: str, state: Any) -> dict[str, Any]:
    return comm_msg(comm_id, {"method": "update", "state": state, "buffer_paths": []})


def nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


# Replies


@dataclass(frozen=True)
class Reply:
    channel: str
    msg_type: str
    parent_id: str
    content: dict[str, Any]
    size: int
    binary: bool
    text: str  # the frame as text, to search for markers

    @property
    def method(self) -> str | None:
        data = self.content.get("data")
        return data.get("method") if isinstance(data, dict) else None


def decode(frame: Frame, protocol: str) -> Reply:
    """A frame the server sent; its layout follows the websocket's protocol."""
    if isinstance(frame, str):
        msg = json.loads(frame)
        channel = msg["channel"]
    elif protocol == V1:
        offsets = v1_offsets(frame, max_buffers=None)
        parts = [frame[start:end] for start, end in pairwise(offsets)]
        channel = parts[0].decode()
        header, parent, _, content = (json.loads(part) for part in parts[1:5])
        msg = {"header": header, "parent_header": parent, "content": content}
    else:
        offsets = [*legacy_offsets(frame, max_buffers=None), len(frame)]
        msg = json.loads(frame[offsets[0] : offsets[1]])
        channel = msg["channel"]
    text = frame if isinstance(frame, str) else frame.decode("utf-8", "replace")
    return Reply(
        channel=channel,
        msg_type=msg["header"]["msg_type"],
        parent_id=(msg.get("parent_header") or {}).get("msg_id", ""),
        content=msg["content"] if isinstance(msg["content"], dict) else {},
        size=len(frame),
        binary=isinstance(frame, bytes),
        text=text,
    )


@dataclass
class Exchange:
    """What came back for one attack."""

    replies: list[Reply] = field(default_factory=list)
    closed: bool = False  # by the server
    close_code: int | None = None
    answered: bool = False  # the kernel_info_request sent after the attack got its reply

    @property
    def _answers(self) -> list[Reply]:
        """Replies but kernel_info_reply (the sentinel's, and legitimately naming ``.py``)."""
        return [reply for reply in self.replies if reply.msg_type != "kernel_info_reply"]

    @property
    def echoes(self) -> list[str]:
        return [reply.msg_type for reply in self._answers if ECHO_MARK in reply.text]

    @property
    def errors(self) -> list[str]:
        """Error and stderr messages: a short refusal at most would be fine, but none come."""
        return [
            f"{reply.msg_type}: {reply.text[-200:]}"
            for reply in self.replies
            if reply.msg_type == "error"
            or (reply.msg_type == "stream" and reply.content.get("name") == "stderr")
        ]

    @property
    def tracebacks(self) -> list[str]:
        return [
            f"{reply.msg_type}: {marker}"
            for reply in self._answers
            for marker in TRACEBACK_MARKERS
            if marker in reply.text
        ]

    def oversized(self, limit: int) -> list[str]:
        """Replies over ``limit`` bytes, except the kernel's own widget updates (a value that a
        widget clamps into range redraws the radiograph, as the slider itself would)."""
        return [
            f"{reply.msg_type}/{reply.method}: {reply.size} bytes"
            for reply in self.replies
            if reply.size > limit and reply.method != "update"
        ]


class KernelClient:
    """One websocket to a kernel, on the legacy or the v1 protocol."""

    def __init__(self, connection: WebSocketClientConnection, protocol: str) -> None:
        self.connection = connection
        self.protocol = protocol

    @classmethod
    async def open(
        cls, base_url: str, kernel_id: str, protocol: str, *, origin: str | None = None
    ) -> KernelClient:
        url = f"ws{base_url[4:]}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
        request = HTTPRequest(url, headers={"Origin": origin or base_url}, request_timeout=10)
        subprotocol = PROTOCOLS[protocol]
        connection = await websocket_connect(
            request,
            subprotocols=[subprotocol] if subprotocol else None,
            max_message_size=64 * 2**20,  # replies may be large; the server's limit is tested
        )
        return cls(connection, protocol)

    def send(self, frame: Frame) -> bool:
        """Send a frame; False when the server has already closed the websocket."""
        try:
            self.connection.write_message(frame, binary=isinstance(frame, bytes))
        except WebSocketClosedError:
            return False
        return True

    async def read(
        self, exchange: Exchange, *, until: Callable[[Reply], bool], timeout_s: float
    ) -> bool:
        """Collect replies into ``exchange`` until one satisfies ``until``; False on timeout or
        close."""
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            try:
                frame = await asyncio.wait_for(self.connection.read_message(), left)
            except TimeoutError:
                return False
            if frame is None:
                exchange.closed = True
                exchange.close_code = self.connection.close_code
                return False
            reply = decode(frame, self.protocol)
            exchange.replies.append(reply)
            if until(reply):
                return True
        return False

    async def attack(
        self, frames: list[Frame], *, timeout_s: float = 5.0, settle_s: float = 0.2
    ) -> Exchange:
        """Send ``frames``, then a ``kernel_info_request``; collect what comes back until the
        kernel reports idle after it (iopub is in order, so everything the frames caused has
        arrived; and ``settle_s`` more), or until the server closes."""
        exchange = Exchange()
        sentinel = message("kernel_info_request", {})
        for frame in [*frames, encode(sentinel, self.protocol)]:
            if not self.send(frame):
                break
        sentinel_id = sentinel["header"]["msg_id"]
        exchange.answered = await self.read(
            exchange,
            until=lambda r: (
                r.msg_type == "status"
                and r.parent_id == sentinel_id
                and r.content.get("execution_state") == "idle"
            ),
            timeout_s=timeout_s,
        )
        if exchange.answered:
            await self.read(exchange, until=lambda _: False, timeout_s=settle_s)
        return exchange

    async def widget_states(self) -> dict[str, dict[str, Any]]:
        """Every widget's state, asked as the widget manager asks (control comm)."""
        control = uuid.uuid4().hex
        self.send(encode(open_control(control), self.protocol))
        self.send(encode(comm_msg(control, {"method": "request_states"}), self.protocol))
        exchange = Exchange()
        await self.read(exchange, until=lambda r: r.method == "update_states", timeout_s=30)
        states = next(r for r in exchange.replies if r.method == "update_states")
        return {key: value["state"] for key, value in states.content["data"]["states"].items()}

    def close(self) -> None:
        self.connection.close()


async def connect_and_attack(
    base_url: str, kernel_id: str, protocol: str, frames: list[Frame]
) -> Exchange:
    client = await KernelClient.open(base_url, kernel_id, protocol)
    try:
        return await client.attack(frames)
    finally:
        client.close()


async def refused_origin(base_url: str, kernel_id: str) -> int:
    """The HTTP status a websocket from another site's page gets."""
    try:
        client = await KernelClient.open(base_url, kernel_id, V1, origin="http://attacker.example")
    except HTTPClientError as error:
        return error.code
    client.close()
    return 101


async def request_info_reply(base_url: str, kernel_id: str, message: bytes) -> str:
    """Send ``message`` on Voila's request-info websocket (``/voila/query/<kernel id>``), which
    only the server writes on: "open", "closed <code>", or "dropped" (closed with no code)."""
    url = f"ws{base_url[4:]}/voila/query/{kernel_id}"
    request = HTTPRequest(url, headers={"Origin": base_url}, request_timeout=10)
    connection = await websocket_connect(request)
    try:
        with contextlib.suppress(WebSocketClosedError):  # closed while still being sent
            await connection.write_message(message, binary=True)
        while True:
            try:
                frame = await asyncio.wait_for(connection.read_message(), 5)
            except TimeoutError:
                return "open"
            if frame is None:
                code = connection.close_code
                return "dropped" if code is None else f"closed {code}"
    finally:
        connection.close()


# Pages and the server process


def open_lesson(base_url: str, stem: str, *, timeout_s: float = 120) -> tuple[str, float]:
    """GET a lesson to its end (its kernel has then run every cell): its kernel id, and the
    seconds until the page's first byte."""
    started = time.monotonic()
    url = f"{base_url}/voila/render/{stem}.ipynb?learner={TEST_LEARNER}"  # its quiz shows
    with urllib.request.urlopen(url, timeout=timeout_s) as r:
        page = r.read(1)
        first_byte_s = time.monotonic() - started
        page += r.read()
    found = KERNEL_ID.search(page)
    if not found:
        raise RuntimeError(f"{stem}: no kernel id in the page")
    return found[1].decode(), first_byte_s


def shutdown_kernel(base_url: str, kernel_id: str) -> None:
    """What the page does when its tab closes: post the shutdown, with a double-submit token."""
    token = secrets.token_hex(16)
    request = urllib.request.Request(
        f"{base_url}/voila/api/shutdown/{kernel_id}",
        data=b"",
        method="POST",
        headers={"Cookie": f"_xsrf={token}", "X-XSRFToken": token},
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


@contextmanager
def memory_watchdog(pid: int, limit_mib: float) -> Iterator[threading.Event]:
    """Kill the server (SIGKILL) if it grows past ``limit_mib``: a regression of the looping
    readers grows it by GBs, and a looping server ignores SIGTERM. The event says it fired."""
    fired = threading.Event()
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.2):
            if own_rss_mib(pid) > limit_mib:
                fired.set()
                os.kill(pid, signal.SIGKILL)
                return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield fired
    finally:
        done.set()
        thread.join()


class OtherPages:
    """Lessons other than the attacked one, GET in turn, each with a pool of ``pool_size``
    preheated kernels (``pool_options``). A GET takes the oldest; before the next GET of a
    lesson its pool is full again (as the log says), so the page taken has long been rendered
    and its time to first byte measures the server, not a kernel still starting."""

    def __init__(self, base_url: str, log: Path, stems: tuple[str, ...], pool_size: int) -> None:
        self.base_url = base_url
        self.log = log
        self.stems = stems
        self.pool_size = pool_size
        self.uses = dict.fromkeys(stems, 0)
        self.turn = 0

    @staticmethod
    def pool_options(stems: tuple[str, ...], pool_size: int) -> str:
        pools = {"default": {"pool_size": 1}}
        pools |= {f"{stem}.ipynb": {"pool_size": pool_size} for stem in stems}
        return f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}"

    def _fills(self, stem: str) -> int:
        """Log lines saying the lesson's pool is full: one at start, one after each refill."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return text.count(f"Kernel pool of {stem}.ipynb is filled")

    def wait_until_full(self, stem: str, *, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while self._fills(stem) - 1 < self.uses.get(stem, 0) and time.monotonic() < deadline:
            time.sleep(0.1)

    def first_byte_seconds(self) -> float:
        """Seconds until the next lesson's page starts (inf: no answer within 30 s). Its kernel
        is shut down afterwards, as a closed tab does."""
        stem = self.stems[self.turn % len(self.stems)]
        self.turn += 1
        self.wait_until_full(stem)
        self.uses[stem] += 1
        try:
            kernel_id, seconds = open_lesson(self.base_url, stem, timeout_s=30)
        except OSError:
            return float("inf")
        shutdown_kernel(self.base_url, kernel_id)
        return seconds


# The attacks


@dataclass(frozen=True)
class Targets:
    """Comm ids of the attacked lesson's widgets: an X-ray slider, a quiz's options and its
    check button."""

    slider: str
    options: str
    check: str

    @classmethod
    def find(cls, states: dict[str, dict[str, Any]]) -> Targets:
        def first(model: str, description: str | None = None) -> str:
            return next(
                key
                for key, state in states.items()
                if state.get("_model_name") == model
                and (description is None or state.get("description") == description)
            )

        return cls(
            slider=first("FloatSliderModel", "Tube voltage (kVp)"),
            options=first("RadioButtonsModel"),
            check=first("ButtonModel", "Check answer"),
        )


Build = Callable[[Targets, str], list[Frame]]


@dataclass(frozen=True)
class Attack:
    """Frames to send on one websocket (built for its protocol), and how the server must end it:
    closed with ``closes``, or (None) still answering."""

    name: str
    protocol: str
    build: Build
    closes: int | None = None


def _v1_with(table: Callable[[list[int]], list[int]]) -> bytes:
    """A valid v1 frame whose offset table ``table`` rewrites."""
    frame = v1_frame(message("kernel_info_request", {}))
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * i : 8 * i + 8], "little") for i in range(1, count + 1)]
    new = table(offsets)
    return b"".join(n.to_bytes(8, "little") for n in (len(new), *new)) + frame[8 * (count + 1) :]


def _text(characters: int) -> str:
    """A hostile string of about ``characters`` characters."""
    return PAYLOAD_WORD * (characters // len(PAYLOAD_WORD))


NAN = float("nan")
_PRINT_CODE = "print('hostile-' + 'ran')"  # its output, not its code, proves it ran
RAN_MARK = "hostile-ran"
CHANNELS = ("shell", "control", "stdin", "iopub")


def open_control(comm_id: str) -> dict[str, Any]:
    return message(
        "comm_open",
        {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
        metadata={"version": "1.0.0"},
    )


_CONTROL = uuid.uuid4().hex


def _frame_attack(name: str, protocol: str, frame: Frame, closes: int = POLICY_VIOLATION) -> Attack:
    return Attack(name, protocol, lambda targets, protocol: [frame], closes)


def _kernel_info_v1() -> bytes:
    return v1_frame(message("kernel_info_request", {}))


def _malformed_v1() -> tuple[Attack, ...]:
    def attack(name: str, frame: Frame) -> Attack:
        return _frame_attack(f"v1 {name}", V1, frame)

    many = 8 * 1001  # 1000 offsets, all at the end of their table
    return (
        attack("count only", (6).to_bytes(8, "little")),
        attack("truncated", _kernel_info_v1()[:-9]),
        attack("offsets decrease", _v1_with(lambda o: [o[0], o[2], o[1], *o[3:]])),
        attack("offset inside the table", _v1_with(lambda o: [8, *o[1:]])),
        attack("offset past the end", _v1_with(lambda o: [*o[:-1], 2**62])),
        attack("1000 offsets", _v1_with(lambda o: [many] * 1000)),
        attack("header not JSON", v1_parts(b"shell", [b"\xff{", b"{}", b"{}", b"{}"])),
        attack("header a list", v1_parts(b"shell", [b"[1]", b"{}", b"{}", b"{}"])),
        attack("unknown channel", v1_frame(message("kernel_info_request", {}, channel="x"))),
        attack("text frame", legacy_text(message("kernel_info_request", {}))),
    )


def _malformed_legacy() -> tuple[Attack, ...]:
    def attack(name: str, frame: Frame) -> Attack:
        return _frame_attack(f"legacy {name}", LEGACY, frame)

    return (
        attack("binary count 2**31-1", (2**31 - 1).to_bytes(4, "big") + bytes(8)),
        attack("binary offset past the end", struct.pack("!3I", 2, 12, 2**31) + b"{}"),
        attack("text not JSON", "{"),
        attack("text nested 60000 deep", "[" * 60_000),
        attack("text an array", "[]"),
    )


def _oversized() -> tuple[Attack, ...]:
    def attack(protocol: str, characters: int) -> Attack:
        return Attack(
            f"{protocol} {characters:,} characters",
            protocol,
            lambda t, p: [encode(update(t.slider, {"value": _text(characters)}), p)],
            TOO_BIG,
        )

    return tuple(attack(p, n) for p in (V1, LEGACY) for n in (100_000, 10_000_000))


def _execute() -> tuple[Attack, ...]:
    def frames(targets: Targets, protocol: str) -> list[Frame]:
        content = {"code": _PRINT_CODE, "silent": False}
        return [encode(message("execute_request", content, channel=c), protocol) for c in CHANNELS]

    return tuple(Attack(f"{p} on every channel", p, frames) for p in (V1, LEGACY))


def _comms(
    protocol: str, messages: dict[str, Callable[[Targets], list[dict[str, Any]]]]
) -> tuple[Attack, ...]:
    def attack(name: str, make: Callable[[Targets], list[dict[str, Any]]]) -> Attack:
        # The server parses legacy JSON itself, so it refuses what nests past the recursion
        # limit before the kernel sees it; v1 content goes to the kernel unread.
        closes = POLICY_VIOLATION if protocol == LEGACY and "20000" in name else None
        return Attack(
            f"{protocol} {name}", protocol, lambda t, p: [encode(m, p) for m in make(t)], closes
        )

    return tuple(attack(name, make) for name, make in messages.items())


SLIDER_VALUES: dict[str, Callable[[Targets], list[dict[str, Any]]]] = {
    "out of range": lambda t: [update(t.slider, {"value": 1e308})],
    "wrong type": lambda t: [update(t.slider, {"value": "abc"})],
    "NaN": lambda t: [update(t.slider, {"value": NAN})],
    "50 kB string": lambda t: [update(t.slider, {"value": _text(50_000)})],
    "50 kB label": lambda t: [update(t.slider, {"description": _text(50_000)})],
    "nested 200 deep": lambda t: [update(t.slider, nested(200))],
    "nested 20000 deep": lambda t: [update(t.slider, {"value": DEEP})],
}
QUIZ_ANSWERS: dict[str, Callable[[Targets], list[dict[str, Any]]]] = {
    "option out of range": lambda t: [update(t.options, {"index": 999})],
    "option wrong type": lambda t: [update(t.options, {"index": "first"})],
    "option NaN": lambda t: [update(t.options, {"index": NAN})],
    "option a list": lambda t: [update(t.options, {"index": [0, 1]})],
    "answer 50 kB": lambda t: [update(t.options, {"index": 0, "x": _text(50_000)})],
    "check clicked with junk": lambda t: [comm_msg(t.check, {"method": "custom", "content": 5})],
}
OTHER_COMMS: dict[str, Callable[[Targets], list[dict[str, Any]]]] = {
    "control comm, unknown method": lambda t: [
        open_control(_CONTROL),
        comm_msg(_CONTROL, {"method": "bogus"}),
        comm_msg(_CONTROL, {}),
    ],
    "update without a method": lambda t: [comm_msg(t.slider, {"state": {"value": 1}})],
    "browser opens a widget": lambda t: [
        message(
            "comm_open",
            {"comm_id": uuid.uuid4().hex, "target_name": "jupyter.widget", "data": {}},
            metadata={"version": "2.1.0"},
        )
    ],
    "comm_msg without a comm id": lambda t: [message("comm_msg", {"data": {}})],
    "comm_msg content a string": lambda t: [message("comm_msg", PAYLOAD_WORD)],
}


@dataclass(frozen=True)
class Scenario:
    """Attacks of one kind, each on its own websocket."""

    name: str
    attacks: tuple[Attack, ...]


SCENARIOS = (
    Scenario(
        "v1 frame with a count of 2**63",
        (_frame_attack("v1 count 2**63", V1, (2**63).to_bytes(8, "little")),),
    ),
    Scenario("malformed v1 frames", _malformed_v1()),
    Scenario("malformed legacy frames", _malformed_legacy()),
    Scenario("oversized frames", _oversized()),
    Scenario("execute_request", _execute()),
    Scenario(
        "hostile values to an X-ray slider",
        _comms(V1, SLIDER_VALUES) + _comms(LEGACY, SLIDER_VALUES),
    ),
    Scenario("hostile answers to a quiz", _comms(V1, QUIZ_ANSWERS) + _comms(LEGACY, QUIZ_ANSWERS)),
    Scenario("other hostile comm messages", _comms(V1, OTHER_COMMS) + _comms(LEGACY, OTHER_COMMS)),
)


def problems(attack: Attack, exchange: Exchange) -> list[str]:
    """What went wrong in one attack, each named after it."""
    found = []
    if attack.closes is None and not exchange.answered:
        found.append("the websocket stopped answering")
    # A sender still writing a frame over the limit may miss tornado's close frame (1009): the
    # server drops the connection under it.
    expected = {attack.closes, None} if attack.closes == TOO_BIG else {attack.closes}
    if attack.closes is not None and not (exchange.closed and exchange.close_code in expected):
        found.append(f"closed: {exchange.closed} with {exchange.close_code}, not {attack.closes}")
    found += [f"traceback or path in {where}" for where in exchange.tracebacks]
    found += [f"error sent: {error}" for error in exchange.errors]
    found += [f"payload echoed in {where}" for where in exchange.echoes]
    found += [f"large reply {where}" for where in exchange.oversized(REPLY_LIMIT_BYTES)]
    found += ["the code ran" for reply in exchange.replies if RAN_MARK in reply.text]
    return [f"{attack.name}: {problem}" for problem in found]


# The server under attack

#: The attacked lesson: two X-ray simulators and a quiz.
LESSON = "05-reading-the-radiograph"
#: Pages GET after (or during) the attacks, in turn; each keeps two preheated kernels.
OTHER_PAGES = ("00-start-here", "01-what-is-tumoral-calcinosis")
#: Lessons nobody opens here get no preheated kernel (Voila matches the notebook's path).
NOT_PREHEATED = "--VoilaKernelManager.preheat_denylist=(.*/)?(02|03|04|06|07|08|09|10)-"
#: A server this large is killed at once, so that a regression cannot take the machine's memory.
KILL_AT_MIB = 1536


@dataclass
class AttackedServer:
    url: str
    pid: int
    kernel_id: str  # the attacked page's kernel
    targets: Targets
    pages: OtherPages
    rss_before_mib: float
    log: Path
    frozen: bool = False  # set once the server stops answering


@contextmanager
def attacked_server(log: Path) -> Iterator[AttackedServer]:
    """The course server (voila.json from the repository), a lesson 05 page opened in it, and
    the comm ids of its widgets; killed if it grows past ``KILL_AT_MIB``."""
    pools = OtherPages.pool_options(OTHER_PAGES, pool_size=2)
    with (
        running_voila_process(ROOT, log, NOT_PREHEATED, pools) as running,
        memory_watchdog(running.pid, KILL_AT_MIB),
    ):
        pages = OtherPages(running.url, log, OTHER_PAGES, pool_size=2)
        for stem in (*OTHER_PAGES, LESSON):
            pages.wait_until_full(stem, timeout_s=120)
        kernel_id, _ = open_lesson(running.url, LESSON)
        yield AttackedServer(
            running.url,
            running.pid,
            kernel_id,
            _targets(running.url, kernel_id),
            pages,
            own_rss_mib(running.pid),
            log,
        )


def _targets(url: str, kernel_id: str, *, timeout_s: float = 30) -> Targets:
    """The attacked widgets, once the page's quiz is there: a preheated kernel builds it when
    its visitor's name arrives, just after the page is handed out."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return Targets.find(asyncio.run(_widget_states(url, kernel_id)))
        except StopIteration:
            if time.monotonic() > deadline:
                raise AssertionError(f"no quiz in the {LESSON} page after {timeout_s} s") from None
            time.sleep(0.5)


async def _widget_states(url: str, kernel_id: str) -> dict[str, dict[str, Any]]:
    client = await KernelClient.open(url, kernel_id, V1)
    try:
        return await client.widget_states()
    finally:
        client.close()


async def legacy_state_request(server: AttackedServer) -> Exchange:
    """Lesson 05's widget states on the legacy protocol, asked as the widget manager asks
    (control comm, then each widget), then an update carrying a buffer: ipywidgets echoes an
    update's buffers before checking them, so the kernel sends a reply with buffers (a binary
    legacy frame) whatever the lesson shows."""
    client = await KernelClient.open(server.url, server.kernel_id, LEGACY)
    try:
        control = uuid.uuid4().hex
        info = await client.attack(
            [
                legacy_text(message("comm_info_request", {"target_name": "jupyter.widget"})),
                legacy_text(open_control(control)),
                legacy_text(comm_msg(control, {"method": "request_states"})),
            ],
            timeout_s=15,
        )
        comms = next(r for r in info.replies if r.msg_type == "comm_info_reply").content["comms"]
        requests: list[bytes | str] = [
            legacy_text(comm_msg(c, {"method": "request_state"})) for c in comms
        ]
        with_buffer = comm_msg(
            server.targets.slider,
            {"method": "update", "state": {}, "buffer_paths": [["value"]]},
        )
        requests.append(legacy_binary(with_buffer, (bytes(1024),)))
        exchange = await client.attack(requests, timeout_s=30)
        exchange.replies[:0] = info.replies
        return exchange
    finally:
        client.close()
