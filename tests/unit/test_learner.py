"""Who is learning: the hub's user first, then the page's ?learner= on a Voila server (pending in a
preheated kernel until its visitor arrives), then TC_LEARNER or the computer account."""

from __future__ import annotations

import getpass
import json

import pytest

from widgets.learner import Identity, from_query, identify

VOILA_VARIABLES = ("VOILA_PREHEAT", "SERVER_SOFTWARE", "VOILA_KERNEL_ID", "QUERY_STRING")


@pytest.fixture(autouse=True)
def plain_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*VOILA_VARIABLES, "JUPYTERHUB_USER", "TC_LEARNER"):
        monkeypatch.delenv(name, raising=False)


def voila_request(monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    """A kernel Voila started for a request: the request's variables are in its environment."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", query)


def test_the_hub_user_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    voila_request(monkeypatch, "learner=someone-else&class=ABC234")
    found = identify()
    assert found == Identity("ada", "jupyterhub")
    assert found.query == "learner=someone-else&class=ABC234"  # the class code still counts


def test_under_the_hub_outside_voila_no_query_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    monkeypatch.setenv("QUERY_STRING", "class=ABC234")  # not a Voila kernel: not a page's query
    assert identify().query == ""


def test_on_a_voila_server_the_link_names_the_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    voila_request(monkeypatch, "learner=Student%20%2042&other=1")
    assert identify() == Identity("Student 42", "link")


def test_on_a_voila_server_without_a_name_the_page_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TC_LEARNER", "not used on a server")
    voila_request(monkeypatch, "")
    assert identify() == Identity(None, "unknown")


def test_a_shared_server_no_longer_makes_everyone_its_own_account(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    voila_request(monkeypatch, "")
    assert identify().name != getpass.getuser()


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("learner=", "empty"),
        ("learner=" + "x" * 10_000, "at most 64"),
        ("learner=a%00b", "control characters"),
    ],
)
def test_a_name_in_a_link_that_cannot_be_a_name_is_refused_saying_why(query: str, why: str) -> None:
    found = from_query(query)
    assert found.name is None
    assert found.problem is not None
    assert why in found.problem


def test_html_and_path_like_names_are_kept_as_data() -> None:
    assert from_query("learner=%3Cscript%3E..%2Fx").name == "<script>../x"


def test_a_preheated_kernel_waits_for_its_visitor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    assert identify() == Identity(None, "pending")
    voila_request(monkeypatch, "learner=Ada")  # what Voila sets once the page is handed out
    assert identify() == Identity("Ada", "link")


def test_in_jupyterlab_tc_learner_then_the_computer_account(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert identify() == Identity(getpass.getuser(), "os user")
    monkeypatch.setenv("TC_LEARNER", "  Grace   Hopper ")
    assert identify() == Identity("Grace Hopper", "environment")


def test_a_preheated_kernel_connects_again_until_the_server_sends_its_query(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lost connection to the query socket (None) is tried again; the query then arrives."""
    from widgets import learner

    replies = iter([None, None, json.dumps({"QUERY_STRING": "learner=ada"})])
    asked: list[str] = []

    async def receive(url: str) -> str | None:
        asked.append(url)
        return next(replies)

    pauses: list[float] = []
    monkeypatch.setattr(learner, "_receive", receive)
    for name, value in {
        "VOILA_PREHEAT": "True",
        "VOILA_KERNEL_ID": "k-1",
        "VOILA_APP_PORT": "8999",
        "VOILA_SERVER_URL": "/",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert learner.query_string(sleep=pauses.append) == "learner=ada"
    assert asked == ["ws://127.0.0.1:8999/voila/query/k-1"] * 3
    assert pauses == [0.5, 1.0]
