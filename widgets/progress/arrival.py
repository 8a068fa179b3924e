"""A preheated kernel's visitor arrives: their widgets are built where their page will see them.

Voila hands a preheated kernel to a visitor with the page's request; the kernel learns the learner
then (``widgets.learner.when_known``) and the lesson's gates build what is saved for them. The
page meanwhile loads, opens its websocket, and its widget manager learns the kernel's widgets in
one step: it opens ipywidgets' control comm, asks for every widget's state (``request_states``)
and makes a model from each. Widget messages sent around that step go wrong (ipywidgets 8.1's
manager, seen in lesson 10's and lesson 01's browser tests):

- an update for a model that the page is still making from the answer is dropped: the line
  "Saving your answers as ..." stayed empty;
- a new widget announced before the answer has become models refers to models the page does not
  have yet ("widget model not found"), so it is never made: the page stays at "Loading widget...".

So while the page has not been answered, the visitor's widgets are built *quietly*: their comm
messages are not sent, and the answer to ``request_states`` carries them whole. A
``request_states`` that comes while the visitor is still unknown waits for them, at most
``HOLD_S`` (the manager gives up after 4 s and asks widget by widget, which
``widgets.comm_guard`` refuses). A visitor known only after that has their widgets built as
usual, announced to a page that has its models.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, TypeVar

#: Longest time, in seconds, a page's request for the widgets' states waits for the visitor.
#: ipywidgets' manager waits 4 s for the answer.
HOLD_S = 2.5
#: The kernel's messages about widgets that a quiet build does not send.
COMM_MESSAGES = frozenset({"comm_open", "comm_msg", "comm_close"})

Message = dict[str, Any]
T = TypeVar("T")


def _method(message: Message) -> object:
    data = message.get("content", {}).get("data")
    return data.get("method") if isinstance(data, dict) else None


class Arrival:
    """Orders the page's first look at the widgets and the visitor's arrival.

    ``answer(message)`` is ipywidgets' own handler of the control comm; ``quiet()`` a context in
    which comm messages are not sent; ``call_later(delay, callback)`` the event loop's.
    """

    def __init__(
        self,
        answer: Callable[[Message], None],
        *,
        quiet: Callable[[], AbstractContextManager[object]],
        call_later: Callable[[float, Callable[[], None]], object],
    ) -> None:
        self._answer = answer
        self._quiet = quiet
        self._call_later = call_later
        self._held: list[Message] = []
        self.arrived = False
        self.answered = False  # the page has been sent every widget's state

    def on_control_message(self, message: Message) -> None:
        """A message on ipywidgets' control comm: ``request_states`` waits for the visitor."""
        if _method(message) != "request_states":
            self._answer(message)
        elif self.arrived:
            self._answer(message)
            self.answered = True
        else:
            if not self._held:
                self._call_later(HOLD_S, self.release)
            self._held.append(message)

    def arrive(self, deliver: Callable[[T], None], visitor: T) -> None:
        """The visitor has come: ``deliver(visitor)`` builds their widgets, quietly while the page
        has not been answered; then a request that waited is answered."""
        self.arrived = True
        with nullcontext() if self.answered else self._quiet():
            deliver(visitor)
        self.release()

    def release(self) -> None:
        """Answer the requests that waited (the visitor came, or ``HOLD_S`` passed)."""
        held, self._held = self._held, []
        for message in held:
            self._answer(message)
            self.answered = True


@contextmanager
def comms_unsent(session: Any, iopub: object) -> Iterator[None]:
    """Within: ``session.send`` drops comm messages to ``iopub`` (and sends all else)."""
    send = session.send
    own = "send" in vars(session)

    def send_unless_comm(stream: object, message: Any, *args: Any, **kwargs: Any) -> Any:
        kind = message if isinstance(message, str) else message.get("header", {}).get("msg_type")
        if stream is iopub and kind in COMM_MESSAGES:
            return None
        return send(stream, message, *args, **kwargs)

    session.send = send_unless_comm
    try:
        yield
    finally:
        if own:
            session.send = send
        else:
            del session.send


def _kernel_quiet() -> AbstractContextManager[object]:
    from ipykernel.kernelbase import Kernel

    if not Kernel.initialized():
        return nullcontext()
    kernel = Kernel.instance()
    return comms_unsent(kernel.session, kernel.iopub_socket)


_arrival: Arrival | None = None


def install() -> Arrival:
    """This kernel's ``Arrival``, made once: ipywidgets' control comm handler goes through it
    (installed before a page can open the comm: ipywidgets looks the handler up at the open)."""
    global _arrival
    if _arrival is None:
        from ipywidgets.widgets.widget import Widget

        loop = asyncio.get_event_loop()
        _arrival = Arrival(
            Widget._handle_control_comm_msg,
            quiet=_kernel_quiet,
            call_later=loop.call_later,
        )
        Widget._handle_control_comm_msg = staticmethod(_arrival.on_control_message)
    return _arrival
