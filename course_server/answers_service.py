"""The answers service: under JupyterHub, the one program that reads and writes the store.

A JupyterHub-managed service (``deploy/jupyterhub_config.py`` starts it; the hub's proxy serves it
at ``/services/answers/``). Every request carries a hub token, the kernel's
``$JUPYTERHUB_API_TOKEN``, which the hub turns into its user (jupyterhub's ``HubAuthenticated``);
the token must hold ``access:services!service=answers``. Then:

- a learner's record (``api/learners/NAME/...``) is read and written only by the user NAME: a
  student, who can run any code in their own server, cannot reach another student's record;
- a class session is looked up by its code by anyone logged in (a student joining a class); it
  is opened, moved on and its answers read only by members of the hub group ``instructors``
  (``TC_INSTRUCTOR_GROUP``), which the service asks the hub about with its own token.

The database URL, and its password, are in this service's environment only (``TC_DATABASE_URL``);
the students' servers never see them. Run: ``python -m course_server.answers_service`` (the hub
sets ``JUPYTERHUB_SERVICE_URL`` and the rest).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth, HubAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.ioloop import IOLoop

from widgets.progress import wire
from widgets.progress.learners import LearnerNameError, normalise_name
from widgets.progress.store import ClassSessionError, Event, SchemaError, Store

log = logging.getLogger("answers")
T = TypeVar("T")

INSTRUCTOR_GROUP_VARIABLE = "TC_INSTRUCTOR_GROUP"
DEFAULT_INSTRUCTOR_GROUP = "instructors"
#: Largest request body taken: an answer event is well under 1 KiB; a typed answer is capped
#: by the lesson at a few hundred characters.
MAX_BODY_BYTES = 16 * 1024
#: Database calls run in these threads, so that one slow query does not hold every request.
DATABASE_THREADS = 8
#: The event fields a client may send: ``Store.record``'s keywords, as ``Event`` lists them.
EVENT_FIELDS = Event.__required_keys__ | Event.__optional_keys__
#: Lesson and question keys: printable, at most 200 characters (the course's are under 80).
KEY = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")


class Refused(web.HTTPError):
    """A request the service will not carry out; ``message`` says why, for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, reason=_reason(status))
        self.message = message


def _reason(status: int) -> str:
    reasons = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict"}
    return {**reasons, 413: "Payload Too Large"}.get(status, "Error")


class Handler(HubAuthenticated, web.RequestHandler):  # type: ignore[misc]
    """Token-authenticated JSON; errors are ``{"error": message}`` with their status."""

    def initialize(self, service: AnswersService) -> None:
        self.service = service
        self.hub_auth = service.hub_auth

    def prepare(self) -> None:
        if self.current_user is None:
            raise Refused(403, "A hub token with access to the answers service is needed.")
        if len(self.request.body or b"") > MAX_BODY_BYTES:
            raise Refused(413, f"The request is larger than {MAX_BODY_BYTES} bytes.")

    def check_xsrf_cookie(self) -> None:
        """No cookie is ever accepted (tokens in the header only), so nothing to forge."""

    @property
    def user_name(self) -> str:
        return str(self.current_user["name"])

    def body(self) -> dict[str, Any]:
        try:
            value = json.loads(self.request.body or b"{}")
        except ValueError as error:
            raise Refused(400, f"The request body is not JSON: {error}") from None
        if not isinstance(value, dict):
            raise Refused(400, "The request body must be a JSON object.")
        return value

    def reply(self, value: object, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(value))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        message = getattr(error, "message", None) or _reason(status_code)
        log.warning("%s %s: %s", self.request.method, self.request.path, message)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": message}))

    async def store(self, work: Callable[[Store], T]) -> T:
        """``work(store)`` in a database thread; the store's refusals become 409 (a class session
        that does not take the answer) or 400."""
        try:
            return await self.service.run(work)
        except ClassSessionError as refused:  # the page says it, and keeps the answer as theirs
            raise Refused(409, str(refused)) from None
        except ValueError as refused:
            raise Refused(400, str(refused)) from None


class LearnerHandler(Handler):
    """``api/learners/NAME/...``: the record of NAME, for NAME alone."""

    def own_learner(self, name: str) -> str:
        try:
            wanted = normalise_name(name)
            own = normalise_name(self.user_name)
        except LearnerNameError as problem:
            raise Refused(400, str(problem)) from None
        if wanted != own:
            log.warning("refused: %s asked for the record of %s", own, wanted)
            raise Refused(403, f"{own} may read and write only their own record, not {wanted}'s.")
        return own

    async def learner_id(self, name: str) -> int:
        own = self.own_learner(name)
        return await self.store(lambda store: store.learner(own))


class MeHandler(Handler):
    async def get(self) -> None:
        try:
            name = normalise_name(self.user_name)
        except LearnerNameError as problem:  # a hub name the course cannot keep a record under
            raise Refused(400, str(problem)) from None
        learner_id = await self.store(lambda store: store.learner(name))
        instructor = await self.service.is_instructor(self.user_name)
        self.reply({"name": name, "learner_id": learner_id, "instructor": instructor})


class AttemptsHandler(LearnerHandler):
    async def get(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        lesson = self.get_query_argument("lesson", None)
        found = await self.store(lambda store: store.attempts(learner_id, lesson))
        self.reply([wire.dump(attempt) for attempt in found])

    async def post(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        event = self.body()
        unknown = sorted(set(event) - EVENT_FIELDS)
        if unknown:
            raise Refused(400, f"Unknown event fields: {', '.join(unknown)}.")
        for field in ("lesson", "question_id"):
            if not isinstance(event.get(field), str) or not KEY.match(event[field]):
                raise Refused(400, f"The event's {field} is missing or not a course key.")
        added = await self.store(lambda store: store.record(learner_id, **event))
        self.reply(wire.dump(added), 201)


class LessonsHandler(LearnerHandler):
    async def get(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        found = await self.store(lambda store: store.lessons(learner_id))
        self.reply([wire.dump(progress) for progress in found])


class LessonHandler(LearnerHandler):
    async def post(self, name: str, lesson: str, action: str) -> None:
        learner_id = await self.learner_id(name)
        if not KEY.match(lesson):
            raise Refused(400, f"{lesson!r} is not a lesson key.")
        if action == "start":
            progress = await self.store(lambda store: store.start_lesson(learner_id, lesson))
        else:
            progress = await self.store(lambda store: store.finish_lesson(learner_id, lesson))
        self.reply(wire.dump(progress))


class FinalSetsHandler(LearnerHandler):
    async def get(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        attempt = self.get_query_argument("attempt", None)
        number = None if attempt is None else _whole(attempt, "attempt")
        found = await self.store(lambda store: store.final_set(learner_id, number))
        self.reply(None if found is None else wire.dump(found))

    async def post(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        body = self.body()
        ids = body.get("question_ids")
        if not isinstance(ids, list) or not all(isinstance(key, str) for key in ids):
            raise Refused(400, "question_ids must be a list of question keys.")
        attempt = body.get("attempt")
        if attempt is not None and not isinstance(attempt, int):
            raise Refused(400, "attempt must be a whole number.")
        saved = await self.store(
            lambda store: store.save_final_set(learner_id, ids, attempt=attempt)
        )
        self.reply(wire.dump(saved), 201)


class RecordHandler(LearnerHandler):
    """GET: the learner's export; DELETE: forget the learner (the course's "delete my record")."""

    async def get(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        self.reply(await self.store(lambda store: store.export(learner_id)))

    async def delete(self, name: str) -> None:
        learner_id = await self.learner_id(name)
        self.reply({"deleted": await self.store(lambda store: store.forget(learner_id))})


class ClassCodeHandler(Handler):
    """A session by its code: anyone logged in (a student joining a class)."""

    async def get(self, code: str) -> None:
        found = await self.store(lambda store: store.class_session(code))
        if found is None:
            raise Refused(404, f"There is no class session {code[:12]!r}.")
        self.reply(wire.dump(found))


class InstructorHandler(Handler):
    async def prepare(self) -> None:  # type: ignore[override]
        super().prepare()
        if not await self.service.is_instructor(self.user_name):
            group = self.service.instructor_group
            raise Refused(403, f"Only members of the hub group {group!r} run class sessions.")


class ClassesHandler(InstructorHandler):
    async def post(self) -> None:
        lesson = self.body().get("lesson")
        if not isinstance(lesson, str) or not KEY.match(lesson):
            raise Refused(400, "lesson must be a lesson key.")
        opened = await self.store(lambda store: store.open_class(lesson))
        self.reply(wire.dump(opened), 201)


class ClassActionHandler(InstructorHandler):
    async def post(self, session: str, action: str) -> None:
        session_id = _whole(session, "session")
        if action == "question":
            question = self.body().get("question_id")
            if not isinstance(question, str) or not KEY.match(question):
                raise Refused(400, "question_id must be a question key.")
            changed = await self.store(lambda store: store.put_question(session_id, question))
        elif action == "reveal":
            changed = await self.store(lambda store: store.reveal_answer(session_id))
        else:
            changed = await self.store(lambda store: store.close_class(session_id))
        self.reply(wire.dump(changed))


class ClassAnswersHandler(InstructorHandler):
    async def get(self, session: str) -> None:
        session_id = _whole(session, "session")
        question = self.get_query_argument("question", None)
        if question is None:
            found = await self.store(lambda store: store.answers(class_session_id=session_id))
        else:
            found = await self.store(lambda store: store.class_answers(session_id, question))
        self.reply([wire.dump(attempt) for attempt in found])


def _whole(text: str, what: str) -> int:
    if not text.isdigit():
        raise Refused(400, f"{what} must be a whole number, not {text[:20]!r}.")
    return int(text)


class AnswersService:
    """The store, the hub's auth, and who is an instructor."""

    def __init__(
        self,
        store: Store,
        *,
        hub_auth: HubAuth | None = None,
        instructor_group: str | None = None,
    ) -> None:
        self.store = store
        self.hub_auth = hub_auth or HubAuth()
        self.instructor_group = instructor_group or os.environ.get(
            INSTRUCTOR_GROUP_VARIABLE, DEFAULT_INSTRUCTOR_GROUP
        )
        self._threads = ThreadPoolExecutor(DATABASE_THREADS, thread_name_prefix="answers-db")

    async def run(self, work: Callable[[Store], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._threads, work, self.store)

    async def is_instructor(self, user: str) -> bool:
        """Whether the hub has ``user`` in the instructors' group (asked with the service's own
        token, which holds ``read:users:groups``: a user's token cannot claim it)."""
        url = url_path_join(self.hub_auth.api_url, "users", user)
        request = HTTPRequest(
            url, headers={"Authorization": f"token {self.hub_auth.api_token}"}, request_timeout=10
        )
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        if response.code != 200:
            log.warning("the hub did not say whether %s is an instructor: %s", user, response.code)
            return False
        return self.instructor_group in json.loads(response.body).get("groups", [])

    def application(self, prefix: str) -> web.Application:
        api = url_path_join(prefix, "api")
        learner = url_path_join(api, "learners", r"([^/]+)")
        session = url_path_join(api, "classes", r"(\d+)")
        handlers: list[tuple[str, type[Handler]]] = [
            (url_path_join(api, "me"), MeHandler),
            (url_path_join(learner, "attempts"), AttemptsHandler),
            (url_path_join(learner, "lessons"), LessonsHandler),
            (url_path_join(learner, "lessons", r"([^/]+)", r"(start|finish)"), LessonHandler),
            (url_path_join(learner, "final-sets"), FinalSetsHandler),
            (url_path_join(learner, "record"), RecordHandler),
            (url_path_join(api, "classes"), ClassesHandler),
            (url_path_join(api, "classes", r"code", r"([^/]+)"), ClassCodeHandler),
            (url_path_join(session, r"(question|reveal|close)"), ClassActionHandler),
            (url_path_join(session, "answers"), ClassAnswersHandler),
        ]
        return web.Application(
            [(pattern, handler, {"service": self}) for pattern, handler in handlers]
        )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[answers %(levelname)s] %(message)s")
    address = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/answers/")
    try:
        store = Store.open()
    except SchemaError as error:
        raise SystemExit(f"answers: the store cannot be used: {error}") from None
    service = AnswersService(store)
    service.application(prefix).listen(address.port or 80, address.hostname or "127.0.0.1")
    log.info("answers for %s at %s%s", store, address.geturl(), prefix)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:  # how the hub stops its services (SIGINT)
        log.info("stopped")


if __name__ == "__main__":
    main()
