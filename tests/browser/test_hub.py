"""The course under a real JupyterHub (``deploy/jupyterhub_config.py``, ``tests/hub``): two
students log in, land on the course in Voila, answer in lesson 01, and their answers are kept
under their hub names in a real PostgreSQL, through the answers service. With her own token a
student can neither write to nor read another's record, and her kernel has no database address.

The time from login to the first lesson page (cold: her server starts; warm: it runs) and the
memory of each student's server go to ``tests/artifacts/hub.txt`` as ``name: value`` lines.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, new_page, screenshot
from tests.conftest import ARTIFACTS
from tests.hub.harness import LESSON, Hub, first_lesson_page, http, running_hub, server_memory_mib
from tests.postgres import Cluster
from widgets.progress.store import Store

STEM = LESSON
SERVICE = "services/answers/api"
#: What a student's own server token holds (deploy/jupyterhub_config.py, server_token_scopes).
SERVER_SCOPES = ["users:activity!user", "access:servers!server", "access:services!service=answers"]
FIGURES = ARTIFACTS / "hub.txt"


@pytest.fixture(scope="module")
def hub_and_store(
    postgres: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Hub, str]]:
    with postgres.database() as url, running_hub(url, tmp_path_factory.mktemp("hub")) as hub:
        yield hub, url


def answer_first_question(page: Page) -> None:
    card = page.locator(".tc-quiz .tc-question").first
    card.get_by_role("radio").nth(1).check()
    card.get_by_role("button", name="Check answer").click()
    expect(card.locator(".tc-feedback")).to_contain_text(re.compile("Correct|Not yet"))


def test_two_students_answer_through_the_hub_under_their_own_names(
    browser: Browser, hub_and_store: tuple[Hub, str]
) -> None:
    hub, url = hub_and_store
    figures: dict[str, float] = {}
    for user in ("ada", "bea"):
        page = new_page(browser)
        figures[f"hub_first_page_cold_s_{user}"] = first_lesson_page(page, hub, user)
        who = page.get_by_text(re.compile(rf"Saving your answers as {user} \(signed in through"))
        expect(who).to_be_visible()
        answer_first_question(page)
        screenshot(page, f"hub-{user}")
        figures[f"hub_server_mib_{user}"] = server_memory_mib(user)
        page.context.close()
    page = new_page(browser)  # Ada again, her server running: the warm first page
    figures["hub_first_page_warm_s"] = first_lesson_page(page, hub, "ada")
    page.context.close()

    store = Store.open(url)
    try:
        for user in ("ada", "bea"):
            answers = [a for a in store.attempts(store.learner(user)) if a.kind == "answer"]
            assert [(a.lesson, a.attempt_no) for a in answers] == [(STEM, 1)], user
        assert sorted(row["learner"] for row in store.export(store.learner("ada"))) == ["ada"]
    finally:
        store.close()
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text("".join(f"{name}: {value:.2f}\n" for name, value in figures.items()))
    print(FIGURES.read_text())


def test_a_hub_instructor_runs_a_class_session_and_the_answers_stay_named(
    browser: Browser, hub_and_store: tuple[Hub, str]
) -> None:
    """The hub's instructors' group, not a key, opens the presenter view; a student joins with
    the code, and her answer is kept as hers and as the session's."""
    hub, url = hub_and_store
    teacher, bea = new_page(browser), new_page(browser)  # Bea's server runs already
    first_lesson_page(teacher, hub, "teacher")
    teacher.goto(f"{hub.url}/user/teacher/voila/render/{STEM}.ipynb?present=1")
    presenter = teacher.locator(".tc-presenter")
    presenter.get_by_role("button", name="Start a class session").click(timeout=120_000)
    code = presenter.locator(".tc-code").inner_text(timeout=30_000).strip()
    presenter.get_by_role("button", name="Put it to the class").click()
    prompt = presenter.locator(".tc-poll-prompt").inner_text()

    first_lesson_page(bea, hub, "bea")
    bea.goto(f"{hub.url}/user/bea/voila/render/{STEM}.ipynb?class={code}&present=1")
    expect(bea.locator(".tc-class-joined")).to_contain_text(code, timeout=120_000)
    assert bea.locator(".tc-presenter").count() == 0  # not an instructor: the quiz, and why
    expect(bea.get_by_text("it is for the hub's instructors")).to_be_visible()
    card = bea.locator(".tc-quiz .tc-question", has_text=prompt[:60]).first
    card.get_by_role("radio").nth(0).check()
    card.get_by_role("button", name="Check answer").click()
    expect(teacher.locator(".tc-poll-count")).to_contain_text("1 student", timeout=10_000)
    presenter.screenshot(path=str(SCREENSHOTS / "hub-presenter.png"))

    store = Store.open(url)
    try:
        session = store.class_session(code)
        assert session is not None
        (answer,) = store.answers(class_session_id=session.id)  # hers, and the session's
        assert store.name(answer.learner_id) == "bea"
    finally:
        store.close()
    for page in (teacher, bea):
        page.context.close()


def test_a_student_can_reach_only_her_own_record(hub_and_store: tuple[Hub, str]) -> None:
    hub, url = hub_and_store
    ada = hub.user_token("ada", SERVER_SCOPES)
    bea_id = _learner_id(url, "bea")
    answer = {"lesson": STEM, "question_id": f"{STEM}/forged", "answer": 0, "correct": False}
    body = json.dumps(answer).encode()

    def service(method: str, path: str, data: bytes | None = None, token: str = ada) -> int:
        return http(method, f"{hub.url}/{SERVICE}/{path}", data, token)[0]

    # Her own record: she may (so the refusals below are the service's, not a broken call).
    assert service("GET", "learners/ada/attempts") == 200
    assert service("POST", "learners/ada/attempts", body) == 201
    # Bea's, under any spelling of her name: refused, and nothing of Bea's changes.
    before = _attempt_ids(url, bea_id)
    for name in ("bea", "Bea", "%20bea"):
        assert service("POST", f"learners/{name}/attempts", body) == 403, name
        assert service("GET", f"learners/{name}/attempts") == 403, name
        assert service("GET", f"learners/{name}/record") == 403, name
        assert service("DELETE", f"learners/{name}/record") == 403, name
    assert _attempt_ids(url, bea_id) == before
    # A token without the service's scope, and no token: refused.
    plain = hub.user_token("ada", ["users:activity!user"])
    assert service("GET", "learners/ada/attempts", token=plain) == 403
    assert http("GET", f"{hub.url}/{SERVICE}/me")[0] == 403
    # Bad input is refused with a sentence, and nothing is stored.
    for data, status, says in (
        (b"{not json", 400, "not JSON"),
        (json.dumps({**answer, "learner_id": bea_id}).encode(), 400, "Unknown event fields"),
        (json.dumps({**answer, "lesson": ""}).encode(), 400, "lesson"),
        (b'{"lesson": "' + b"x" * 20_000 + b'"}', 413, "larger than"),
    ):
        code, reply = http("POST", f"{hub.url}/{SERVICE}/learners/ada/attempts", data, ada)
        assert (code, says in json.loads(reply)["error"]) == (status, True), reply
    assert _attempt_ids(url, bea_id) == before
    # Class sessions are run by the hub's instructors only.
    lesson = json.dumps({"lesson": STEM}).encode()
    assert service("POST", "classes", lesson) == 403
    teacher = hub.user_token("teacher", SERVER_SCOPES)
    assert service("POST", "classes", lesson, token=teacher) == 201


def _learner_id(url: str, name: str) -> int:
    store = Store.open(url)
    try:
        return store.learner(name)
    finally:
        store.close()


def _attempt_ids(url: str, learner_id: int) -> list[int]:
    store = Store.open(url)
    try:
        return [attempt.id for attempt in store.attempts(learner_id)]
    finally:
        store.close()


def test_a_students_kernel_holds_no_database_address(hub_and_store: tuple[Hub, str]) -> None:
    """Code Ada runs in her own server's kernel sees her hub name and the service's address,
    and nothing of the database: not its URL, not its password."""
    hub, url = hub_and_store
    hub.start_server("ada")
    token = hub.user_token("ada", ["access:servers!user=ada"])
    server = f"{hub.url}/user/ada/api"
    status, reply = http("POST", f"{server}/kernels", b"{}", token)
    assert status == 201, reply
    kernel = json.loads(reply)["id"]
    try:
        code = (
            "import json, os\n"
            "print(json.dumps({'user': os.environ.get('JUPYTERHUB_USER'),"
            " 'service': os.environ.get('TC_ANSWERS_URL'),"
            f" 'database': [k for k, v in os.environ.items() if 'DATABASE' in k"
            f" or {url.split('@')[1]!r} in v or 'postgresql' in v]}}))"
        )
        seen = json.loads(run_in_kernel(hub, token, kernel, code))
    finally:
        http("DELETE", f"{server}/kernels/{kernel}", None, token)
    assert seen["user"] == "ada"
    assert seen["service"].endswith("/services/answers/")
    assert seen["database"] == []


def run_in_kernel(hub: Hub, token: str, kernel: str, code: str) -> str:
    """What ``code`` prints, run in a kernel of Ada's server through its websocket."""
    from uuid import uuid4

    from websockets.sync.client import connect

    socket_url = hub.url.replace("http", "ws", 1) + f"/user/ada/api/kernels/{kernel}/channels"
    msg_id = uuid4().hex
    request = {
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "ada",
                   "session": uuid4().hex, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": False,
                    "user_expressions": {}, "allow_stdin": False},
    }  # fmt: skip
    printed = []
    with connect(socket_url, additional_headers={"Authorization": f"token {token}"}) as socket:
        socket.send(json.dumps(request))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message = json.loads(socket.recv(timeout=60))
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])
            if message["msg_type"] == "error":
                raise AssertionError("\n".join(message["content"]["traceback"]))
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                break
    return "".join(printed)
