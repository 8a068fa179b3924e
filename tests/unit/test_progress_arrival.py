"""The visitor of a preheated kernel and the page's first look at the widgets, in every order:
the page must get every widget in one answer, never an announcement around it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from widgets.progress.arrival import HOLD_S, Arrival, comms_unsent

REQUEST = {"content": {"data": {"method": "request_states"}}}
OTHER = {"content": {"data": {"method": "custom"}}}


class Kernel:
    """What the page would see: messages answered, built quietly or aloud, and timers set."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.quiet = False
        self.timers: list[tuple[float, Callable[[], None]]] = []

    def answer(self, message: dict[str, Any]) -> None:
        self.log.append(f"answer {message['content']['data']['method']}")

    @contextmanager
    def hush(self) -> Iterator[None]:
        self.quiet = True
        try:
            yield
        finally:
            self.quiet = False

    def build(self, visitor: str) -> None:
        self.log.append(f"build {visitor} {'quietly' if self.quiet else 'aloud'}")

    def arrival(self) -> Arrival:
        return Arrival(
            self.answer,
            quiet=self.hush,
            call_later=lambda delay, callback: self.timers.append((delay, callback)),
        )


def test_a_page_that_asks_before_the_visitor_is_known_waits_and_gets_everything() -> None:
    kernel = Kernel()
    arrival = kernel.arrival()
    arrival.on_control_message(REQUEST)
    assert kernel.log == []  # held
    assert [delay for delay, _ in kernel.timers] == [HOLD_S]
    arrival.arrive(kernel.build, "Ada")
    assert kernel.log == ["build Ada quietly", "answer request_states"]


def test_a_visitor_known_before_the_page_asks_is_built_quietly() -> None:
    kernel = Kernel()
    arrival = kernel.arrival()
    arrival.arrive(kernel.build, "Ada")
    arrival.on_control_message(REQUEST)
    assert kernel.log == ["build Ada quietly", "answer request_states"]
    assert kernel.timers == []


def test_a_visitor_later_than_the_hold_is_announced_to_the_answered_page() -> None:
    kernel = Kernel()
    arrival = kernel.arrival()
    arrival.on_control_message(REQUEST)
    (_, release), *_ = kernel.timers
    release()  # HOLD_S passed: the page gets what there is, before its manager gives up
    assert kernel.log == ["answer request_states"]
    arrival.arrive(kernel.build, "Ada")
    assert kernel.log == ["answer request_states", "build Ada aloud"]


def test_other_control_messages_are_not_held() -> None:
    kernel = Kernel()
    arrival = kernel.arrival()
    arrival.on_control_message(OTHER)
    assert kernel.log == ["answer custom"]


class Session:
    def __init__(self) -> None:
        self.sent: list[tuple[object, str]] = []

    def send(self, stream: object, message: Any, *args: Any, **kwargs: Any) -> str:
        kind = message if isinstance(message, str) else message["header"]["msg_type"]
        self.sent.append((stream, kind))
        return kind


def test_a_quiet_build_sends_no_comm_message_to_the_page_and_everything_else() -> None:
    iopub, shell = object(), object()
    session = Session()
    with comms_unsent(session, iopub):
        session.send(iopub, "comm_open", {})
        session.send(iopub, {"header": {"msg_type": "comm_msg"}})
        session.send(iopub, "comm_close", {})
        session.send(iopub, "stream", {})
        session.send(shell, "comm_info_reply", {})
    session.send(iopub, "comm_open", {})  # after it, as before
    assert session.sent == [(iopub, "stream"), (shell, "comm_info_reply"), (iopub, "comm_open")]
    assert "send" not in vars(session)
