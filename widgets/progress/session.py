"""One kernel's learner and their saved record, as a lesson's widgets use them.

A lesson page runs in one kernel; ``current()`` gives that kernel's ``Session``: who is learning
(``widgets.learner.identify``, asked once) and the store (``SafeStore``, opened once). Widgets read
a question's earlier events through a ``QuestionRecord`` and add each new one as it happens, one
transaction per event. A lesson's events are read with one query, the first time one of its
questions asks.

Pure: no widget library, except that a preheated kernel's session hands its visitor to
``widgets.progress.arrival``, which orders the build against the page's first look at ipywidgets'
state. ``widgets.progress.gate`` shows the name prompt and the saving status.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Unpack

from widgets.learner import Identity, identify, query_value, when_known
from widgets.progress import arrival, remote
from widgets.progress.learners import normalise_name
from widgets.progress.remote import ServiceStore
from widgets.progress.safe import SafeStore
from widgets.progress.schema import CLASS_CODE_CHARACTERS, Kind
from widgets.progress.store import (
    Attempt,
    ClassSession,
    ClassSessionError,
    Event,
    FinalSet,
    LessonProgress,
)

Listener = Callable[[], None]
#: A store as a lesson uses it: the database itself, or under JupyterHub the answers service.
LessonStore = SafeStore | ServiceStore
#: The URL query parameter that names a class session (``?class=CODE``).
CLASS_PARAMETER = "class"


class Session:
    """The learner of this kernel, their events by lesson, and what to tell them about saving."""

    def __init__(self, store: LessonStore, identity: Identity) -> None:
        self.store = store
        self.identity = identity
        self._learner_id: int | None = None
        self._events: dict[str, dict[str, list[Attempt]]] = {}
        self._started: set[str] = set()
        self._pending: list[Event] = []
        self._listeners: list[Listener] = []
        self._class: ClassSession | None = None
        self._class_looked_up = False
        self.class_notice: str | None = None  # why this page's answers do not go to a class

    def __repr__(self) -> str:
        return f"Session({self.identity.name!r}, {self.store!r})"

    # --- who -------------------------------------------------------------------------------

    @property
    def name(self) -> str | None:
        return self.identity.name

    @property
    def learner_id(self) -> int | None:
        """The learner's id in the store, None when unknown or while the store is unusable."""
        if self._learner_id is None and self.identity.name is not None:
            self._learner_id = self.store.learner(self.identity.name)
        return self._learner_id

    @property
    def instructor(self) -> bool:
        """Whether the store vouches for the learner as an instructor (under JupyterHub, the
        hub's instructors' group; on one machine the instructor key says it, not the store)."""
        return self.learner_id is not None and self.store.instructor

    def identify_as(self, typed: str) -> None:
        """The name a student typed; raises ``LearnerNameError`` saying what to change."""
        self.identity = Identity(normalise_name(typed), "typed", query=self.identity.query)
        self._learner_id = None
        self._events.clear()
        self._notify()

    def arrive(self, identity: Identity) -> None:
        """The visitor of a preheated kernel has arrived: this is who they are."""
        if self.identity.source == "pending":
            self.identity = identity
            self._learner_id = None
            self._events.clear()
            self._notify()

    def on_change(self, listener: Listener) -> None:
        """Call ``listener`` when the learner becomes known or the saving status changes."""
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    @property
    def status(self) -> str | None:
        """What to tell the student about saving; None while all is well."""
        return self.store.status

    # --- events ----------------------------------------------------------------------------

    def events(self, lesson: str) -> dict[str, list[Attempt]]:
        """The learner's events in ``lesson``, by question key, oldest first."""
        if lesson not in self._events:
            by_key: dict[str, list[Attempt]] = defaultdict(list)
            learner_id = self.learner_id
            if learner_id is not None:
                for attempt in self.store.attempts(learner_id, lesson):
                    by_key[attempt.question_id].append(attempt)
            self._events[lesson] = dict(by_key)
        return self._events[lesson]

    def question(self, lesson: str, key: str) -> QuestionRecord:
        return QuestionRecord(self, lesson, key)

    def add(self, **event: Unpack[Event]) -> None:
        """Save one event now. A fault of the store shows in ``status`` and nothing is raised;
        the event is kept in this kernel and saved, in order, at the next write that works."""
        before = self.status
        self._pending.append(event)
        self._save_pending()
        if self.status != before:
            self._notify()

    def _save_pending(self) -> None:
        learner_id = self.learner_id
        if learner_id is None:
            return
        while self._pending:
            event = self._pending[0]
            self.start(event["lesson"])
            class_id = self._class_of(event)
            try:
                in_class: Event = {**event, "class_session_id": class_id}
                added = self.store.record(learner_id, **in_class)
            except ClassSessionError as refused:  # closed meanwhile: the learner's own answer
                self.class_notice = str(refused)
                self._class = None
                added = self.store.record(learner_id, **event)
            if added is None:
                return  # the store is failing: keep the rest for the next write
            self._pending.pop(0)
            self._events.setdefault(added.lesson, {}).setdefault(added.question_id, []).append(
                added
            )

    # --- a class session (?class=CODE) ---------------------------------------------------------

    @property
    def class_code(self) -> str | None:
        """The class code the page was opened with, as given."""
        return query_value(self.identity.query, CLASS_PARAMETER)

    def class_session(self) -> ClassSession | None:
        """The open session the page's code names; None (and ``class_notice`` says why) when
        there is no code, no such session, or it has closed."""
        code = self.class_code
        if code is None:
            return None
        if not self._class_looked_up:
            self._class_looked_up = True
            found = self.store.class_session(code)
            if found is None or not found.open:
                shown = code[:CLASS_CODE_CHARACTERS]
                self.class_notice = (
                    f"There is no open class session {shown!r}: check the code on the "
                    "projector. Your answers are kept as yours only."
                )
            else:
                self._class = found
        return self._class

    def _class_of(self, event: Event) -> int | None:
        """The session an answer also goes to: the page's, when it is on that lesson."""
        session = self.class_session() if event.get("kind", "answer") == "answer" else None
        if session is None or session.lesson != event["lesson"]:
            return None
        return session.id

    @property
    def unsaved(self) -> int:
        """Events kept in this kernel because the store failed to take them."""
        return len(self._pending)

    # --- lessons and the final set ---------------------------------------------------------

    def start(self, lesson: str) -> None:
        """Record that the learner opened ``lesson`` (once per kernel)."""
        learner_id = self.learner_id
        if learner_id is not None and lesson not in self._started:
            self._started.add(lesson)
            self.store.start_lesson(learner_id, lesson)

    def finish(self, lesson: str) -> None:
        learner_id = self.learner_id
        if learner_id is not None:
            self.store.finish_lesson(learner_id, lesson)

    def lessons(self) -> list[LessonProgress]:
        learner_id = self.learner_id
        return [] if learner_id is None else self.store.lessons(learner_id)

    def all_events(self) -> list[Attempt]:
        learner_id = self.learner_id
        return [] if learner_id is None else self.store.attempts(learner_id)

    def final_set(self, attempt: int) -> FinalSet | None:
        learner_id = self.learner_id
        return None if learner_id is None else self.store.final_set(learner_id, attempt)

    def save_final_set(self, question_ids: Sequence[str], *, attempt: int) -> None:
        learner_id = self.learner_id
        if learner_id is not None:
            self.store.save_final_set(learner_id, question_ids, attempt=attempt)

    # --- the learner's own record ----------------------------------------------------------

    def export(self) -> list[dict[str, object]]:
        learner_id = self.learner_id
        return [] if learner_id is None else self.store.export(learner_id)

    def forget(self) -> int | None:
        """Delete every row of this learner; the number of rows deleted, None if it failed."""
        learner_id = self.learner_id
        if learner_id is None:
            return None
        deleted = self.store.forget(learner_id)
        if deleted is not None:
            self._learner_id = None
            self._events.clear()
            self._started.clear()
            self._pending.clear()
            if self.identity.source in ("link", "typed"):  # ask again; a hub user stays known
                deleted_name = self.identity.name
                self.identity = Identity(
                    None, "unknown", problem=f"The record of {deleted_name} was deleted."
                )
        self._notify()
        return deleted


@dataclass
class QuestionRecord:
    """One question's saved events, for its card: what happened before, and what happens now."""

    session: Session
    lesson: str
    key: str

    def __post_init__(self) -> None:
        self._since = time.monotonic()

    def past(self) -> list[Attempt]:
        return list(self.session.events(self.lesson).get(self.key, []))

    def add(
        self,
        kind: Kind,
        *,
        answer: object = None,
        correct: bool | None = None,
        credit: float,
        hints: int,
        revealed: bool,
    ) -> None:
        now = time.monotonic()
        elapsed_ms = round(1000 * (now - self._since))
        self._since = now
        self.session.add(
            lesson=self.lesson,
            question_id=self.key,
            kind=kind,
            answer=answer,
            correct=correct,
            credit=credit,
            hints=hints,
            revealed=revealed,
            elapsed_ms=elapsed_ms,
        )


_current: Session | None = None


def current() -> Session:
    """This kernel's session, made on first use; in a preheated Voila kernel its learner is
    pending until the visitor arrives."""
    global _current
    if _current is None:
        _current = Session(open_store(), identify())
        if _current.identity.source == "pending":
            page = arrival.install()
            when_known(partial(page.arrive, _current.arrive))
    return _current


def open_store() -> LessonStore:
    """The store this kernel saves to: the answers service when ``TC_ANSWERS_URL`` names one
    (under JupyterHub), else the database of ``TC_DATABASE_URL`` or the learner's own file."""
    return ServiceStore.open() if remote.configured() else SafeStore.open()


def reset() -> None:
    """Forget this kernel's session (tests; a new one is made on next use)."""
    global _current
    if _current is not None:
        _current.store.close()
    _current = None
