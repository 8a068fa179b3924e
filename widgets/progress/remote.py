"""The progress store as a kernel under JupyterHub uses it: through the answers service.

Under the hub (``deploy/jupyterhub_config.py``) a student's kernel has no database URL: it sends
every read and write to the answers service (``course_server.answers_service``) at
``TC_ANSWERS_URL``, with the hub token the kernel already holds (``JUPYTERHUB_API_TOKEN``). The
service writes them under the hub user the token belongs to, and refuses anyone else's record.

``ServiceStore`` has ``SafeStore``'s methods and manners: nothing raises into the lesson; a
failure leaves a sentence for the student in ``status`` and returns what the caller treats as
"not saved" (so ``Session`` keeps the event and tries again at the next write). Pure standard
library (``urllib``): a kernel loads no HTTP package for it.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any, TypeVar, Unpack
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from widgets.progress import wire
from widgets.progress.learners import normalise_name
from widgets.progress.safe import NOT_SAVED
from widgets.progress.store import (
    Attempt,
    ClassSession,
    ClassSessionError,
    Event,
    FinalSet,
    LessonProgress,
)

T = TypeVar("T")

SERVICE_URL_VARIABLE = "TC_ANSWERS_URL"
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"
#: Seconds a call waits for the service; a lesson's widget waits that long at worst.
TIMEOUT_S = 10.0


def configured(environ: dict[str, str] | None = None) -> bool:
    """Whether this kernel is to use the answers service (``TC_ANSWERS_URL`` is set)."""
    return bool((os.environ if environ is None else environ).get(SERVICE_URL_VARIABLE, "").strip())


class ServiceError(Exception):
    """The service refused a call (``status``) or could not be reached (``status`` None)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ServiceStore:
    """The answers service, as ``Session`` uses a store (see the module's docstring)."""

    def __init__(self, url: str, token: str, *, timeout_s: float = TIMEOUT_S) -> None:
        self._url = url if url.endswith("/") else url + "/"
        self._token = token
        self._timeout_s = timeout_s
        self._problem: str | None = None
        self._own: tuple[str, int] | None = None  # this user's name and learner id
        self.instructor = False  # the hub has them in the instructors' group

    @classmethod
    def open(cls, environ: dict[str, str] | None = None) -> ServiceStore:
        environ = dict(os.environ if environ is None else environ)
        store = cls(environ.get(SERVICE_URL_VARIABLE, "").strip(), environ.get(TOKEN_VARIABLE, ""))
        if not store._token:
            store._problem = f"{NOT_SAVED}this server has no hub token ({TOKEN_VARIABLE})."
        return store

    def __repr__(self) -> str:
        return f"ServiceStore({self.where!r}, status={self.status!r})"

    @property
    def status(self) -> str | None:
        return self._problem

    @property
    def saving(self) -> bool:
        return self._problem is None

    @property
    def where(self) -> str:
        parts = urlsplit(self._url)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))

    # --- the learner's own record ---------------------------------------------------------

    def learner(self, name: str) -> int | None:
        """This hub user's learner id; None if ``name`` is not them or the service failed."""
        me = self._call("GET", "api/me", failed=None)
        if me is None:
            return None
        self.instructor = bool(me.get("instructor"))
        self._own = (str(me["name"]), int(me["learner_id"]))
        if normalise_name(name) != self._own[0]:
            self._problem = f"{NOT_SAVED}the hub knows you as {self._own[0]}, not {name}."
            return None
        return self._own[1]

    def record(self, learner_id: int, **event: Unpack[Event]) -> Attempt | None:
        found = self._learner_call("POST", learner_id, "attempts", body=dict(event), failed=None)
        return None if found is None else wire.attempt(found)

    def attempts(self, learner_id: int, lesson: str | None = None) -> list[Attempt]:
        query = "" if lesson is None else "?" + urlencode({"lesson": lesson})
        found = self._learner_call("GET", learner_id, "attempts" + query, failed=[])
        return [wire.attempt(values) for values in found]

    def start_lesson(self, learner_id: int, lesson: str) -> LessonProgress | None:
        return self._lesson(learner_id, lesson, "start")

    def finish_lesson(self, learner_id: int, lesson: str) -> LessonProgress | None:
        return self._lesson(learner_id, lesson, "finish")

    def _lesson(self, learner_id: int, lesson: str, action: str) -> LessonProgress | None:
        path = f"lessons/{quote(lesson, safe='')}/{action}"
        found = self._learner_call("POST", learner_id, path, body={}, failed=None)
        return None if found is None else wire.lesson_progress(found)

    def lessons(self, learner_id: int) -> list[LessonProgress]:
        found = self._learner_call("GET", learner_id, "lessons", failed=[])
        return [wire.lesson_progress(values) for values in found]

    def save_final_set(
        self, learner_id: int, question_ids: Sequence[str], *, attempt: int | None = None
    ) -> FinalSet | None:
        body = {"question_ids": list(question_ids), "attempt": attempt}
        found = self._learner_call("POST", learner_id, "final-sets", body=body, failed=None)
        return None if found is None else wire.final_set(found)

    def final_set(self, learner_id: int, attempt: int | None = None) -> FinalSet | None:
        query = "" if attempt is None else f"?attempt={int(attempt)}"
        found = self._learner_call("GET", learner_id, "final-sets" + query, failed=None)
        return None if found is None else wire.final_set(found)

    def export(self, learner_id: int) -> list[dict[str, object]]:
        found: list[dict[str, object]] = self._learner_call("GET", learner_id, "record", failed=[])
        return found

    def forget(self, learner_id: int) -> int | None:
        found = self._learner_call("DELETE", learner_id, "record", failed=None)
        if found is None:
            return None
        self._own = None
        return int(found["deleted"])

    # --- class sessions -------------------------------------------------------------------

    def open_class(self, lesson: str) -> ClassSession | None:
        found = self._call("POST", "api/classes", body={"lesson": lesson}, failed=None)
        return None if found is None else wire.class_session(found)

    def class_session(self, code: str) -> ClassSession | None:
        path = f"api/classes/code/{quote(code.strip()[:32], safe='') or '-'}"
        found = self._call("GET", path, failed=None, missing_ok=True)
        return None if found is None else wire.class_session(found)

    def put_question(self, session_id: int, question_id: str) -> ClassSession | None:
        return self._class_action(session_id, "question", {"question_id": question_id})

    def reveal_answer(self, session_id: int) -> ClassSession | None:
        return self._class_action(session_id, "reveal", {})

    def close_class(self, session_id: int) -> ClassSession | None:
        return self._class_action(session_id, "close", {})

    def _class_action(
        self, session_id: int, action: str, body: dict[str, Any]
    ) -> ClassSession | None:
        path = f"api/classes/{int(session_id)}/{action}"
        found = self._call("POST", path, body=body, failed=None)
        return None if found is None else wire.class_session(found)

    def class_answers(self, session_id: int, question_id: str) -> list[Attempt]:
        query = urlencode({"question": question_id})
        found = self._call("GET", f"api/classes/{int(session_id)}/answers?{query}", failed=[])
        return [wire.attempt(values) for values in found]

    def session_answers(self, session_id: int) -> list[Attempt]:
        found = self._call("GET", f"api/classes/{int(session_id)}/answers", failed=[])
        return [wire.attempt(values) for values in found]

    def close(self) -> None:
        """Nothing is held open between calls."""

    # --- the calls ------------------------------------------------------------------------

    def _learner_call(
        self, method: str, learner_id: int, path: str, *, body: Any = None, failed: T
    ) -> Any:
        if self._own is None or self._own[1] != learner_id:
            self._problem = f"{NOT_SAVED}learner {learner_id} is not the hub user of this server."
            return failed
        name = quote(self._own[0], safe="")
        return self._call(method, f"api/learners/{name}/{path}", body=body, failed=failed)

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        failed: T,
        missing_ok: bool = False,
    ) -> Any:
        """One call; its JSON reply, or ``failed`` with ``status`` saying why. A class session
        that does not take an answer raises ``ClassSessionError``, as ``Store.record`` does."""
        if self._token == "":
            return failed
        try:
            reply = self.request(method, path, body)
        except ServiceError as error:
            if error.status == 409:
                raise ClassSessionError(str(error)) from None
            if error.status == 404 and missing_ok:
                return None
            self._problem = f"{NOT_SAVED}the answers service at {self.where} {error}"
            return failed
        self._problem = None
        return reply

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """The service's JSON reply to one call; raises ``ServiceError``."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self._url + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self._token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout_s) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise ServiceError(_refusal(error), error.code) from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise ServiceError(f"could not be reached ({reason}).") from None


def _refusal(error: urllib.error.HTTPError) -> str:
    """The service's own sentence for a refusal (its ``error``), else the HTTP status."""
    try:
        message = json.loads(error.read()).get("error")
    except (ValueError, AttributeError, OSError):
        message = None
    return f"said: {message}" if message else f"refused the call (HTTP {error.code})."
