"""Who is learning, in this order (the first that applies wins):

1. Under JupyterHub, the hub's user (``JUPYTERHUB_USER``, which the hub sets for each user's
   server and its kernels): authenticated by the hub.
2. On a Voila server, the page's ``?learner=NAME``. Lesson links carry it from page to page, and
   a student with none is asked for a name once (``widgets.progress.gate``). Self-declared, like a
   class register: anyone can type anyone's name.
3. Elsewhere (JupyterLab, a plain kernel), ``TC_LEARNER`` if set, else the operating-system user.

A Voila kernel started ahead of its page (a preheated pool kernel) learns the page's query
string only when a visitor is handed the kernel (``voila.utils.get_query_string`` waits for it).
Its cells must not wait for that: a pool kernel can wait for hours, and a cell that waits would
time out. So such a kernel's learner is "pending" (``identify``), and ``when_known`` waits in a
thread and hands the learner to the kernel's event loop once the visitor arrives; the lesson's
widgets, already rendered, then fill in.
"""

from __future__ import annotations

import asyncio
import getpass
import itertools
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qs

from widgets.progress.learners import LearnerNameError, normalise_name

#: The URL query parameter that names the learner.
QUERY_PARAMETER = "learner"
HUB_VARIABLE = "JUPYTERHUB_USER"
LEARNER_VARIABLE = "TC_LEARNER"

Source = Literal["jupyterhub", "link", "typed", "environment", "os user", "unknown", "pending"]


@dataclass(frozen=True)
class Identity:
    """A learner's name and where it came from; ``name`` is None when the page must ask."""

    name: str | None
    source: Source
    problem: str | None = None  # why a name given in the link was refused
    #: The page's URL query in Voila (``?class=CODE`` and the like): where the learner came
    #: from, not who they are, so two identities with the same name are equal.
    query: str = field(default="", compare=False)

    @property
    def known(self) -> bool:
        return self.name is not None


def in_voila() -> bool:
    """Whether this kernel serves a Voila page (preheated, or started for a request)."""
    return (
        os.environ.get("VOILA_PREHEAT") == "True"
        or os.environ.get("SERVER_SOFTWARE", "").startswith("voila")
        or "VOILA_KERNEL_ID" in os.environ
    )


#: Seconds between tries to reach the server's query socket again, growing to the last.
QUERY_RETRY_S = (0.5, 1.0, 2.0, 5.0)


def query_string(*, sleep: Callable[[float], None] = time.sleep) -> str:
    """The page's URL query; in a preheated kernel, waits until a visitor is handed it.

    As ``voila.utils.get_query_string`` does (the server's ``/voila/query/<kernel id>`` socket
    sends the page's request, whose variables go into the environment), but when the connection
    fails or drops (on a loaded machine a keep-alive ping can go unanswered) this connects
    again: the server keeps the request until the kernel has it. Voila's would give up with no
    query, and the student would be asked for a name the link already gave.
    """
    if os.environ.get("VOILA_PREHEAT") != "True":
        return os.environ.get("QUERY_STRING", "")
    url = _request_info_url()
    for attempt in itertools.count():
        received = asyncio.run(_receive(url))
        if received is not None:
            os.environ.update(json.loads(received))
            return os.environ.get("QUERY_STRING", "")
        sleep(QUERY_RETRY_S[min(attempt, len(QUERY_RETRY_S) - 1)])
    raise AssertionError("unreachable")


def _request_info_url() -> str:
    """The server's query socket for this kernel, from the variables Voila gives its kernels."""
    get = os.environ.get
    base = get("VOILA_WS_BASE_URL", get("VOILA_SERVER_URL", "/"))
    host = f"{get('VOILA_APP_IP', '127.0.0.1')}:{get('VOILA_APP_PORT', '8866')}"
    return f"{get('VOILA_WS_PROTOCOL', 'ws')}://{host}{base}voila/query/{get('VOILA_KERNEL_ID')}"


async def _receive(url: str) -> str | None:
    """The one message the query socket sends, or None if the connection failed or dropped."""
    import websockets  # Voila's own dependency, there in every Voila kernel

    try:
        async with websockets.connect(url, open_timeout=5) as socket:
            message = await socket.recv()
    except (OSError, TimeoutError, websockets.exceptions.WebSocketException):
        return None
    return message if isinstance(message, str) else message.decode()


def from_query(query: str) -> Identity:
    """The learner a page's query names: the first ``learner=`` value, normalised."""
    values = parse_qs(query, keep_blank_values=True).get(QUERY_PARAMETER)
    if not values:
        return Identity(None, "unknown", query=query)
    try:
        return Identity(normalise_name(values[0]), "link", query=query)
    except LearnerNameError as problem:
        return Identity(
            None, "unknown", problem=f"The name in this link was not used: {problem}", query=query
        )


def query_value(query: str, name: str) -> str | None:
    """The first value of ``name`` in a URL query, stripped; None when absent or blank."""
    values = parse_qs(query, keep_blank_values=True).get(name)
    value = values[0].strip() if values else ""
    return value or None


def waiting_for_visitor() -> bool:
    """Whether this is a preheated Voila kernel not yet handed to a visitor."""
    return os.environ.get("VOILA_PREHEAT") == "True" and "SERVER_SOFTWARE" not in os.environ


def identify() -> Identity:
    """Who is learning in this kernel (see the module's docstring for the order); "pending" in
    a preheated kernel whose visitor has not arrived (see ``when_known``)."""
    hub_user = os.environ.get(HUB_VARIABLE, "").strip()
    if hub_user:  # in Voila, its page's query still says which class session or view is asked
        query = os.environ.get("QUERY_STRING", "") if in_voila() else ""
        return Identity(normalise_name(hub_user), "jupyterhub", query=query)
    if waiting_for_visitor():
        return Identity(None, "pending")
    if in_voila():
        return from_query(os.environ.get("QUERY_STRING", ""))
    explicit = os.environ.get(LEARNER_VARIABLE, "").strip()
    if explicit:
        try:
            return Identity(normalise_name(explicit), "environment")
        except LearnerNameError as problem:
            return Identity(None, "unknown", problem=f"{LEARNER_VARIABLE} was not used: {problem}")
    try:
        return Identity(normalise_name(getpass.getuser()), "os user")
    except (KeyError, OSError, LearnerNameError):
        return Identity(None, "unknown")


def when_known(deliver: Callable[[Identity], None]) -> None:
    """In a preheated kernel, wait in a thread for the visitor, then call ``deliver`` with the
    learner on the kernel's event loop (between two messages, as a widget callback runs)."""
    loop = asyncio.get_event_loop()

    def wait() -> None:
        try:
            identity = from_query(query_string())
        except Exception:  # Voila's query socket failed: the page asks for a name
            identity = Identity(None, "unknown")
        loop.call_soon_threadsafe(deliver, identity)

    threading.Thread(target=wait, name="tc-wait-for-visitor", daemon=True).start()
