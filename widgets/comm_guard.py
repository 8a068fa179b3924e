"""Widget messages from the browser, refused when no widget sends them, their errors kept out.

In a lesson's kernel every comm message comes from the student's browser, so from anyone who can
open the page. Two things there reach the page unasked:

- ipywidgets reports an exception raised while it handles a message (a value of the wrong type, a
  callback that fails) with IPython's ``showtraceback``, which publishes the whole traceback, with
  file paths and the offending value at any size, as an iopub ``error``; and ``comm`` logs its own
  failures through Python's last-resort log handler, which writes to ``sys.stderr``: in a kernel,
  a ``stream`` message to the page.
- ipywidgets echoes every update back (``echo_update``) before checking it.

``install()`` wraps the kernel's comm handlers. A message a browser's widget manager never sends is
refused before any widget sees it: content over ``MAX_CONTENT_CHARS``, nested deeper than
``MAX_DEPTH``, holding NaN or infinity (not JSON), or opening a comm to a target other than
``OPEN_TARGETS``. While a message is handled, tracebacks and warnings go to the kernel's log (the
server's log), and so does anything logged without a handler. The student gets nothing back.

Pure standard library: ``widgets.lesson`` installs it in every lesson's kernel without loading
ipywidgets.
"""

from __future__ import annotations

import logging
import math
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Comm messages from the browser that the kernel handles.
COMM_MESSAGES = ("comm_open", "comm_msg", "comm_close")
#: Largest content accepted, counted roughly as JSON characters (buffers count their bytes).
#: Measured: the largest comm message real lessons send from Chromium, every control used, has
#: 264 characters of data (an update with a 200-character typed answer).
MAX_CONTENT_CHARS = 4096
#: Deepest nesting accepted (a widget update is about four levels deep).
MAX_DEPTH = 16
#: Comm targets a browser may open. Measured: lesson pages open only the widget manager's
#: control comm; a browser opening ``jupyter.widget`` would create widgets in the kernel.
OPEN_TARGETS = frozenset({"jupyter.widget.control"})
#: Characters of an exception message or warning kept in the log.
LOGGED_CHARS = 200
#: Refusals logged per kernel in a window of ``REFUSAL_WINDOW_S`` seconds; past that, one line
#: says how many were not logged, so a script sending junk in a loop cannot fill the server log.
REFUSALS_LOGGED = 20
REFUSAL_WINDOW_S = 60.0

Handler = Callable[[Any, Any, dict[str, Any]], Any]
_GUARDED = "_comm_guard_wrapped"


def _too_big(value: object) -> str | None:
    """Why a JSON value is refused (too large, too deep, not finite), or None."""
    budget = MAX_CONTENT_CHARS
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"nested deeper than {MAX_DEPTH} levels"
        if isinstance(item, dict):
            budget -= 2 + sum(len(key) + 4 if isinstance(key, str) else 8 for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list | tuple):
            budget -= 2 + len(item)
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            budget -= len(item) + 2
        elif isinstance(item, bytes | bytearray | memoryview):
            budget -= len(item)
        elif isinstance(item, float) and not math.isfinite(item):
            return "holds NaN or infinity"
        else:
            budget -= 8
        if budget < 0:
            return f"larger than {MAX_CONTENT_CHARS} characters"
    return None


def refusal(msg: dict[str, Any]) -> str | None:
    """Why a comm message from the browser is refused, or None to handle it."""
    content = msg.get("content")
    if not isinstance(content, dict):
        return "its content is not an object"
    if msg.get("msg_type") == "comm_open" and content.get("target_name") not in OPEN_TARGETS:
        return "no browser opens that comm target"
    return _too_big([content, list(msg.get("buffers") or [])])


class RefusalLog:
    """At most ``REFUSALS_LOGGED`` refusal lines per window, then a count of the rest."""

    def __init__(self, log: logging.Logger, clock: Callable[[], float] = time.monotonic) -> None:
        self.log = log
        self.clock = clock
        self.window_start = -math.inf
        self.logged = 0
        self.dropped = 0

    def refused(self, msg_type: object, problem: str) -> None:
        now = self.clock()
        if now - self.window_start >= REFUSAL_WINDOW_S:
            if self.dropped:
                self.log.warning(
                    "comm_guard: %d more refusals were not logged in the last %.0f s",
                    self.dropped,
                    now - self.window_start,
                )
            self.window_start, self.logged, self.dropped = now, 0, 0
        if self.logged < REFUSALS_LOGGED:
            self.logged += 1
            self.log.warning("comm_guard: refused a %s from the browser: %s", msg_type, problem)
        else:
            self.dropped += 1


def _shorten(text: str) -> str:
    return text if len(text) <= LOGGED_CHARS else text[:LOGGED_CHARS] + "..."


def _logging_traceback(log: logging.Logger) -> Callable[..., None]:
    """A stand-in for ``InteractiveShell.showtraceback`` that writes to the kernel's log."""

    def showtraceback(exc_tuple: Any = None, *_: Any, **__: Any) -> None:
        kind, value, trace = exc_tuple or sys.exc_info()
        frames = "".join(traceback.format_list(traceback.extract_tb(trace)[-8:]))
        name = getattr(kind, "__name__", "error")
        log.warning(
            "comm_guard: a message from the browser raised %s: %s\n%s",
            name,
            _shorten(str(value)),
            frames,
        )

    return showtraceback


def _logging_warning(log: logging.Logger) -> Callable[..., None]:
    def showwarning(message: Any, category: Any, filename: str, lineno: int, *_: Any) -> None:
        name = getattr(category, "__name__", "Warning")
        log.warning("comm_guard: %s at %s:%s: %s", name, filename, lineno, _shorten(str(message)))

    return showwarning


@contextmanager
def _errors_to_log(shell: Any, log: logging.Logger) -> Iterator[None]:
    """While a message is handled, tracebacks and warnings go to the log, not to the page."""
    had_own = "showtraceback" in vars(shell)
    previous = vars(shell).get("showtraceback")
    shell.showtraceback = _logging_traceback(log)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _logging_warning(log)
            yield
    finally:
        if had_own:
            shell.showtraceback = previous
        else:
            del shell.showtraceback


def guarded(
    handler: Handler, shell: Any, log: logging.Logger, refusals: RefusalLog | None = None
) -> Handler:
    """``handler`` (a kernel's comm handler) behind the refusals, with its errors logged."""
    refusals = refusals or RefusalLog(log)

    def guarded_handler(stream: Any, ident: Any, msg: dict[str, Any]) -> Any:
        problem = refusal(msg)
        if problem is not None:
            refusals.refused(msg.get("msg_type"), problem)
            return None
        with _errors_to_log(shell, log):
            return handler(stream, ident, msg)

    setattr(guarded_handler, _GUARDED, True)
    return guarded_handler


def install() -> bool:
    """Guard the comm handlers of the running IPython kernel; False outside a kernel.

    Safe to call again: handlers already guarded are left alone.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    kernel = getattr(shell, "kernel", None)
    handlers = getattr(kernel, "shell_handlers", None)
    log = getattr(kernel, "log", None)
    if not isinstance(handlers, dict) or not isinstance(log, logging.Logger):
        return False
    refusals = RefusalLog(log)
    for msg_type in COMM_MESSAGES:
        handler = handlers.get(msg_type)
        if handler is not None and not getattr(handler, _GUARDED, False):
            handlers[msg_type] = guarded(handler, shell, log, refusals)
    root = logging.getLogger()
    if not root.handlers:  # else the last-resort handler writes to sys.stderr, i.e. the page
        for log_handler in log.handlers:
            root.addHandler(log_handler)
    return True
