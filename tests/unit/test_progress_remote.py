"""The kernel's side of the answers service (widgets.progress.remote), against a small HTTP
server on loopback that answers as the service does: replies, refusals, silence."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import free_port
from widgets.learner import Identity
from widgets.progress import remote, wire
from widgets.progress.session import Session, open_store
from widgets.progress.store import Attempt, ClassSession, ClassSessionError, FinalSet

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def attempt(**values: Any) -> dict[str, Any]:
    row = Attempt(1, 7, "01-x", "01-x/q", 1, "answer", [1], True, 1.0, 0, False, NOW, 900)
    return {**wire.dump(row), **values}


class FakeService:
    """Replies by (method, path); records each request (method, path, token, body)."""

    def __init__(self) -> None:
        self.replies: dict[tuple[str, str], tuple[int, Any]] = {}
        self.requests: list[tuple[str, str, str, Any]] = []


@pytest.fixture
def service() -> Iterator[tuple[FakeService, str]]:
    fake = FakeService()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def handle_call(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            path = self.path.removeprefix("/services/answers/")
            fake.requests.append((self.command, path, self.headers["Authorization"], body))
            status, reply = fake.replies.get((self.command, path), (404, {"error": "no such"}))
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = handle_call  # noqa: N815  (http.server names them)

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_port}/services/answers/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_service_is_chosen_when_tc_answers_url_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TC_ANSWERS_URL", "http://127.0.0.1:9/services/answers/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t0ken")
    assert isinstance(open_store(), remote.ServiceStore)
    monkeypatch.setenv("TC_ANSWERS_URL", " ")
    assert not isinstance(open_store(), remote.ServiceStore)


def test_calls_carry_the_hub_token_and_name_only_the_hub_user(
    service: tuple[FakeService, str],
) -> None:
    fake, url = service
    fake.replies[("GET", "api/me")] = (200, {"name": "ada", "learner_id": 7, "instructor": True})
    fake.replies[("POST", "api/learners/ada/attempts")] = (201, attempt())
    fake.replies[("GET", "api/learners/ada/attempts?lesson=01-x")] = (200, [attempt()])
    store = remote.ServiceStore(url, "t0ken")
    assert store.learner("ada") == 7
    assert store.instructor
    added = store.record(7, lesson="01-x", question_id="01-x/q", answer=[1], correct=True)
    assert added == wire.attempt(attempt())
    assert store.attempts(7, "01-x") == [added]
    assert {token for _, _, token, _ in fake.requests} == {"token t0ken"}
    assert fake.requests[1][3] == {
        "lesson": "01-x",
        "question_id": "01-x/q",
        "answer": [1],
        "correct": True,
    }
    # Another learner id than the hub user's is never sent.
    assert store.attempts(8) == []
    assert "learner 8 is not the hub user" in (store.status or "")
    assert len(fake.requests) == 3


def test_a_name_other_than_the_hub_user_is_not_used(service: tuple[FakeService, str]) -> None:
    fake, url = service
    fake.replies[("GET", "api/me")] = (200, {"name": "ada", "learner_id": 7, "instructor": False})
    store = remote.ServiceStore(url, "t0ken")
    assert store.learner("bea") is None
    assert store.status == "Your progress is not being saved: the hub knows you as ada, not bea."


def test_a_refusal_and_silence_become_sentences_and_the_event_is_kept(
    service: tuple[FakeService, str],
) -> None:
    fake, url = service
    fake.replies[("GET", "api/me")] = (200, {"name": "ada", "learner_id": 7, "instructor": False})
    fake.replies[("POST", "api/learners/ada/attempts")] = (403, {"error": "ada may not."})
    store = remote.ServiceStore(url, "t0ken")
    session = Session(store, Identity("ada", "jupyterhub"))
    session.add(lesson="01-x", question_id="01-x/q", answer=[1], correct=True)
    assert session.unsaved == 1
    assert store.status == (
        f"Your progress is not being saved: the answers service at {url} said: ada may not."
    )
    fake.replies[("POST", "api/learners/ada/attempts")] = (201, attempt())
    session.add(lesson="01-x", question_id="01-x/q", answer=[1], correct=True)
    assert session.unsaved == 0  # both saved, in order, at the next write that worked
    assert store.status is None

    silent = remote.ServiceStore(f"http://127.0.0.1:{free_port()}/services/answers/", "t0ken")
    assert silent.learner("ada") is None
    assert "could not be reached" in (silent.status or "")


def test_a_class_session_refusing_an_answer_raises_as_the_store_does(
    service: tuple[FakeService, str],
) -> None:
    fake, url = service
    fake.replies[("GET", "api/me")] = (200, {"name": "ada", "learner_id": 7, "instructor": False})
    fake.replies[("POST", "api/learners/ada/attempts")] = (409, {"error": "The session closed."})
    store = remote.ServiceStore(url, "t0ken")
    store.learner("ada")
    with pytest.raises(ClassSessionError, match="The session closed"):
        store.record(7, lesson="01-x", question_id="01-x/q", answer=[1], correct=True)
    assert store.class_session("NOPE42") is None  # 404: no such session, not a fault
    assert store.status is None


def test_no_hub_token_says_so() -> None:
    store = remote.ServiceStore.open({"TC_ANSWERS_URL": "http://127.0.0.1:9/"})
    assert store.learner("ada") is None
    assert store.status == (
        "Your progress is not being saved: this server has no hub token (JUPYTERHUB_API_TOKEN)."
    )


@pytest.mark.parametrize(
    "record",
    [
        wire.attempt(attempt()),
        FinalSet(2, ("a", "b"), NOW),
        ClassSession(3, "ABC234", "01-x", None, False, NOW, None),
    ],
)
def test_records_travel_as_json_and_back(record: object) -> None:
    dumped = json.loads(json.dumps(wire.dump(record)))  # type: ignore[arg-type]
    back = {Attempt: wire.attempt, FinalSet: wire.final_set, ClassSession: wire.class_session}
    assert back[type(record)](dumped) == record  # type: ignore[index]
