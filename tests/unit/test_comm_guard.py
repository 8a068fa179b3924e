"""The comm guard: what real pages send is handled; what no widget manager sends is refused; an
error while handling goes to the kernel's log, never to the page."""

from __future__ import annotations

import logging
import sys
import warnings
from typing import Any, ClassVar

import pytest

from tests.conftest import ROOT
from tests.import_graph import loaded_after_import
from widgets.comm_guard import (
    MAX_CONTENT_CHARS,
    MAX_DEPTH,
    REFUSAL_WINDOW_S,
    REFUSALS_LOGGED,
    RefusalLog,
    guarded,
    install,
    refusal,
)


def comm(msg_type: str, content: Any, buffers: list[bytes] | None = None) -> dict[str, Any]:
    return {"msg_type": msg_type, "content": content, "buffers": buffers or []}


CLICK = {"method": "custom", "content": {"event": "click"}}


def update(state: Any) -> dict[str, Any]:
    data = {"method": "update", "state": state, "buffer_paths": []}
    return comm("comm_msg", {"comm_id": "a" * 32, "data": data})


def nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


class Shell:
    """Stands in for IPython's shell: ``showtraceback`` would publish an iopub error."""

    def __init__(self) -> None:
        self.shown: list[object] = []

    def showtraceback(self, *args: object, **kwargs: object) -> None:
        self.shown.append(sys.exc_info()[1])


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> logging.Logger:
    caplog.set_level(logging.WARNING, logger="kernel")
    return logging.getLogger("kernel")


# What real lesson pages send (measured in Chromium) is handled.


@pytest.mark.parametrize(
    "msg",
    [
        update({"value": 42.5}),
        update({"index": 2}),
        update({"value": "a fairly long free text answer typed by a student " * 4}),
        comm(
            "comm_msg",
            {"comm_id": "c", "data": CLICK},
        ),
        comm("comm_msg", {"comm_id": "c", "data": {"method": "request_states"}}),
        comm("comm_open", {"comm_id": "c", "target_name": "jupyter.widget.control", "data": {}}),
        comm("comm_close", {"comm_id": "c", "data": {}}),
    ],
)
def test_what_a_widget_manager_sends_is_handled(msg: dict[str, Any]) -> None:
    assert refusal(msg) is None


@pytest.mark.parametrize(
    ("msg", "reason"),
    [
        (update({"value": float("nan")}), "NaN"),
        (update({"value": [1.0, float("-inf")]}), "NaN or infinity"),
        (update({"value": "x" * MAX_CONTENT_CHARS}), "larger than"),
        (update({f"key{i}": i for i in range(MAX_CONTENT_CHARS // 4)}), "larger than"),
        (comm("comm_msg", {"data": {}}, [b"\x00" * MAX_CONTENT_CHARS]), "larger than"),
        (update({"value": nested(MAX_DEPTH)}), "nested deeper"),
        (comm("comm_msg", "a string"), "not an object"),
        (
            comm("comm_open", {"comm_id": "c", "target_name": "jupyter.widget", "data": {}}),
            "target",
        ),
    ],
)
def test_what_no_widget_manager_sends_is_refused(msg: dict[str, Any], reason: str) -> None:
    found = refusal(msg)
    assert found is not None
    assert reason in found


def test_a_huge_message_is_refused_without_walking_all_of_it() -> None:
    """The walk stops at the budget: a million entries cost no more than the first few."""
    assert refusal(update({"value": list(range(1_000_000))})) is not None


# Guarded handlers.


def test_a_refused_message_never_reaches_the_handler(
    log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    handled: list[object] = []
    handler = guarded(lambda *args: handled.append(args), Shell(), log)
    handler(None, None, update({"value": float("nan")}))
    assert handled == []
    assert "refused a comm_msg from the browser: holds NaN" in caplog.text


def test_a_flood_of_refusals_is_logged_as_a_count(
    log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    now = [0.0]
    handler = guarded(lambda *args: None, Shell(), log, RefusalLog(log, clock=lambda: now[0]))
    for _ in range(REFUSALS_LOGGED + 500):
        handler(None, None, update({"value": float("nan")}))
    assert caplog.text.count("refused a comm_msg") == REFUSALS_LOGGED
    now[0] = REFUSAL_WINDOW_S + 1  # the next window: the count of the rest, then lines again
    handler(None, None, update({"value": float("nan")}))
    assert "500 more refusals were not logged" in caplog.text
    assert caplog.text.count("refused a comm_msg") == REFUSALS_LOGGED + 1


def test_an_error_while_handling_goes_to_the_log_not_the_page(
    log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    shell = Shell()

    def widget_handler(stream: object, ident: object, msg: object) -> None:
        try:
            raise ValueError("The 'value' trait expected a float, not " + "x" * 1000)
        except ValueError:
            shell.showtraceback()  # what ipywidgets' _show_traceback does

    guarded(widget_handler, shell, log)(None, None, update({"value": "x"}))
    assert shell.shown == []
    assert "raised ValueError: The 'value' trait expected a float" in caplog.text
    assert "x" * 300 not in caplog.text  # the offending value is cut short in the log too
    assert "showtraceback" not in vars(shell)  # the shell's own method is back


def test_a_warning_while_handling_goes_to_the_log(
    log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    def warns(stream: object, ident: object, msg: object) -> None:
        warnings.warn("Message serialization failed", UserWarning, stacklevel=1)

    guarded(warns, Shell(), log)(None, None, update({"value": 1}))
    assert "UserWarning" in caplog.text
    assert "Message serialization failed" in caplog.text


def test_the_handler_result_is_passed_on() -> None:
    handler = guarded(lambda *args: "result", Shell(), logging.getLogger("kernel"))
    assert handler(None, None, update({"value": 1})) == "result"


def test_outside_a_kernel_there_is_nothing_to_install() -> None:
    assert install() is False


def test_install_guards_a_kernels_comm_handlers_once(monkeypatch: pytest.MonkeyPatch) -> None:
    class Kernel:
        log = logging.getLogger("kernel")
        shell_handlers: ClassVar[dict[str, Any]] = {
            "comm_msg": lambda *args: "handled",
            "execute_request": print,
        }

    class KernelShell(Shell):
        kernel = Kernel()

    shell = KernelShell()

    class IPython:
        @staticmethod
        def get_ipython() -> KernelShell:
            return shell

    monkeypatch.setitem(sys.modules, "IPython", IPython)
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    assert install() is True
    first = Kernel.shell_handlers["comm_msg"]
    assert install() is True
    assert Kernel.shell_handlers["comm_msg"] is first  # not wrapped twice
    assert Kernel.shell_handlers["execute_request"] is print
    assert first(None, None, update({"value": 1})) == "handled"
    assert logging.getLogger().handlers == Kernel.log.handlers


def test_the_guard_loads_no_ui_library() -> None:
    """widgets.lesson installs it in every kernel; it must not bring ipywidgets along."""
    loaded = loaded_after_import("widgets.comm_guard", cwd=ROOT)
    assert not loaded & {"ipywidgets", "plotly", "IPython"}
