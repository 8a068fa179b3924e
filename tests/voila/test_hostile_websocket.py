"""Hostile clients on the kernel websocket, on both protocols: the server keeps serving everyone.

One course server; every attack goes to the kernel of a lesson 05 page (the X-ray simulator and a
quiz), as its own student could send it, each on a websocket of its own. Each attack must end as
expected (the websocket closed with the right code, or still answering), and nothing may come back
that holds a traceback, a path or the attack's payload, nor anything over a few KB but the
kernel's own widget updates. After each kind of attack another lesson's page starts within 1 s and
the server's memory has not grown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from tests.conftest import ARTIFACTS
from tests.voila.hostile_client import (
    SCENARIOS,
    AttackedServer,
    Scenario,
    attacked_server,
    connect_and_attack,
    legacy_state_request,
    problems,
    refused_origin,
    request_info_reply,
)
from tests.voila.processes import own_rss_mib

pytestmark = pytest.mark.voila

PAGE_SECONDS = 1.0
#: Growth of the server's resident memory allowed over the whole module, in MiB. (Finding 1
#: grew it past 12 GB; the legitimate replies of lesson 05 total about 1 MB.)
RSS_GROWTH_MIB = 100


@pytest.fixture(scope="module")
def server() -> Iterator[AttackedServer]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with attacked_server(ARTIFACTS / "voila-hostile.log") as attacked:
        yield attacked


def serving_problems(server: AttackedServer) -> list[str]:
    """Another lesson's page starts within a second, and the server has not grown."""
    seconds = server.pages.first_byte_seconds()
    server.frozen = seconds > 10
    growth = own_rss_mib(server.pid) - server.rss_before_mib
    found = []
    if seconds > PAGE_SECONDS:
        found.append(f"another lesson's page took {seconds:.2f} s to start")
    if growth > RSS_GROWTH_MIB:
        found.append(f"the server grew by {growth:.0f} MiB")
    return found


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_hostile_clients_are_refused_and_the_server_keeps_serving(
    server: AttackedServer, scenario: Scenario
) -> None:
    if server.frozen:
        pytest.fail("the server stopped answering after an earlier attack")
    found = []
    for attack in scenario.attacks:
        frames = attack.build(server.targets, attack.protocol)
        exchange = asyncio.run(
            connect_and_attack(server.url, server.kernel_id, attack.protocol, frames)
        )
        found += problems(attack, exchange)
    found += serving_problems(server)
    assert found == []


def test_lesson_05_widget_states_on_the_legacy_protocol(server: AttackedServer) -> None:
    """Asked as the widget manager asks (control comm, then each widget), then an update that
    carries a buffer: replies with buffers (widget images; ipywidgets echoes an update's buffers
    before it checks them) travel as binary frames in the legacy layout, which Voila's handler
    read as v1: a count of 0x0c00000002000000 offsets, and a loop."""
    if server.frozen:
        pytest.fail("the server stopped answering after an earlier attack")
    exchange = asyncio.run(legacy_state_request(server))
    assert exchange.answered
    assert exchange.tracebacks == []
    assert sum(reply.binary for reply in exchange.replies) > 0, "no reply had buffers"
    assert serving_problems(server) == []


def test_a_websocket_from_another_site_is_refused(server: AttackedServer) -> None:
    assert asyncio.run(refused_origin(server.url, server.kernel_id)) == 403


@pytest.mark.parametrize(
    ("size", "replies"), [(10, {"closed 1008"}), (2**20, {"closed 1009", "dropped"})]
)
def test_a_message_on_the_request_info_websocket_closes_it(
    server: AttackedServer, size: int, replies: set[str]
) -> None:
    """Only the server writes on it: any message closes it (1008, policy), a large one before it
    is read (1009, too big; the server may drop the connection before the client reads the code),
    with one log line and no traceback, and the server goes on serving."""
    if server.frozen:
        pytest.fail("the server stopped answering after an earlier attack")
    logged = server.log.read_text(errors="replace") if server.log.exists() else ""
    reply = asyncio.run(request_info_reply(server.url, server.kernel_id, b"x" * size))
    assert reply in replies
    new_lines = server.log.read_text(errors="replace")[len(logged) :]
    assert "Traceback" not in new_lines
    assert serving_problems(server) == []
