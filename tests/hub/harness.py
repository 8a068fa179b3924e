"""A real JupyterHub on loopback, configured by ``deploy/jupyterhub_config.py``, for the hub test
and the hub benchmark: configurable-http-proxy from npm, the answers service, a PostgreSQL store.

``running_hub(database_url, folder)`` starts it in ``folder`` (its database, cookie secret, the
students' home folders and its log) and stops it, with every server it spawned, afterwards.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.conftest import ROOT, free_port

CONFIG = Path(__file__).with_name("jupyterhub_test_config.py")
#: Where ``./course test`` installs configurable-http-proxy from npm (with axe-core).
NPM_BIN = ROOT / ".venv" / "npm" / "node_modules" / ".bin"
PROXY_HINT = "./course test installs it from npm; by hand: npm install -g configurable-http-proxy"
START_TIMEOUT_S = 60.0
#: The lesson a student opens first in the hub test and benchmark (it has a quiz to answer).
LESSON = "01-what-is-tumoral-calcinosis"
TIMEOUT_MS = 180_000


def proxy_command() -> str:
    """configurable-http-proxy: ``TC_PROXY_COMMAND``, on PATH, or where ./course test puts it."""
    found = (
        os.environ.get("TC_PROXY_COMMAND")
        or shutil.which("configurable-http-proxy")
        or shutil.which("configurable-http-proxy", path=str(NPM_BIN))
    )
    if not found:
        raise RuntimeError(f"configurable-http-proxy is not installed: {PROXY_HINT}")
    return found


@dataclass(frozen=True)
class Hub:
    url: str  # what a student opens
    api: str  # the hub's REST API, through the proxy
    token: str  # the test service's token (admin:users, tokens)
    password: str  # every test account's
    log: Path
    pid: int

    def call(self, method: str, path: str, body: bytes | None = None, token: str | None = None):
        """The hub API (``path`` under /hub/api/): status and body."""
        return http(method, f"{self.api}/{path}", body, token or self.token)

    def user_token(self, user: str, scopes: list[str]) -> str:
        """A new token of ``user`` with ``scopes`` (what their own server's token holds)."""
        import json

        self.call("POST", f"users/{user}", b"{}")  # made if new (409 if there already)
        status, reply = self.call(
            "POST", f"users/{user}/tokens", json.dumps({"scopes": scopes}).encode()
        )
        assert status == 201, reply
        return str(json.loads(reply)["token"])

    def start_server(self, user: str, timeout_s: float = 180.0) -> None:
        """Start ``user``'s server if it is not running, and wait until it is ready."""
        import json

        self.call("POST", f"users/{user}", b"{}")
        self.call("POST", f"users/{user}/server", b"{}")  # 201, 202, or 400 if running
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            status, reply = self.call("GET", f"users/{user}")
            if status == 200 and json.loads(reply).get("servers", {}).get("", {}).get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError(
            f"{user}'s server did not start within {timeout_s:.0f} s; see {self.log}"
        )


def http(method: str, url: str, body: bytes | None = None, token: str | None = None):
    """One HTTP call: (status, body). No redirects followed."""
    headers = {"Authorization": f"token {token}"} if token else {}
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextmanager
def running_hub(database_url: str, folder: Path) -> Iterator[Hub]:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "TC_DATABASE_URL": database_url,
        "TC_HUB_TEST_DIR": str(folder),
        "TC_HUB_PORT": str(port),
        "TC_HUB_API_PORT": str(free_port()),
        "TC_PROXY_API_PORT": str(free_port()),
        "TC_ANSWERS_PORT": str(free_port()),
        "TC_PROXY_COMMAND": proxy_command(),
        "TC_HUB_PASSWORD": secrets.token_urlsafe(12),
        "TC_HUB_TEST_TOKEN": secrets.token_hex(24),
        "TC_INSTRUCTORS": "teacher",
        "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(24),
    }
    env.pop("TC_DATA_DIR", None)
    log = folder / "jupyterhub.log"
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(CONFIG)],
            cwd=folder,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        hub = Hub(
            url=url,
            api=f"{url}/hub/api",
            token=env["TC_HUB_TEST_TOKEN"],
            password=env["TC_HUB_PASSWORD"],
            log=log,
            pid=process.pid,
        )
        try:
            _wait_until_up(hub, process)
            yield hub
        finally:
            process.send_signal(signal.SIGTERM)  # the hub stops its proxy, services and servers
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_until_up(hub: Hub, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub stopped (exit {process.returncode}); see {hub.log}")
        try:  # the service itself answers (it refuses a call with no token, in JSON)
            status, body = http("GET", f"{hub.url}/services/answers/api/me")
        except OSError:
            status, body = 0, ""
        if status == 403 and body.startswith('{"error"'):
            return
        time.sleep(0.5)
    raise RuntimeError(f"JupyterHub did not answer within {START_TIMEOUT_S:.0f} s; see {hub.log}")


def log_in(page: Page, hub: Hub, user: str) -> None:
    page.goto(f"{hub.url}/hub/login", timeout=TIMEOUT_MS)
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(hub.password)
    page.get_by_role("button", name="Sign in").click()


def first_lesson_page(page: Page, hub: Hub, user: str) -> float:
    """Log in, land on the course home, open lesson 01: seconds until its first question shows."""
    started = time.monotonic()
    log_in(page, hub, user)
    page.wait_for_url(re.compile(rf"/user/{user}/voila/tree"), timeout=TIMEOUT_MS)
    expect(page).to_have_title("Tumoral calcinosis course: lessons")
    expect(page.get_by_role("listitem", name=re.compile(rf"{LESSON}\.ipynb"))).to_be_visible()
    page.goto(f"{hub.url}/user/{user}/voila/render/{LESSON}.ipynb", timeout=TIMEOUT_MS)
    expect(page.locator(".tc-quiz .tc-question").first).to_be_visible(timeout=TIMEOUT_MS)
    return time.monotonic() - started


def server_memory_mib(user: str) -> float:
    """Resident memory of ``user``'s server and its kernels (processes with their hub name)."""
    total = 0
    for process in Path("/proc").iterdir():
        try:
            environ = (process / "environ").read_bytes().split(b"\0")
            status = (process / "status").read_text()
        except (OSError, ValueError):
            continue
        if f"JUPYTERHUB_USER={user}".encode() in environ:
            found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            total += int(found.group(1)) if found else 0
    return total / 1024
