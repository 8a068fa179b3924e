"""A class poll: the instructor puts a lesson's question to the room and watches the answers.

The instructor opens a lesson with ``?present=KEY`` (the instructor key: ``TC_INSTRUCTOR_KEY``,
which ``./course serve`` generates and prints when it is not set). In place of the lesson's quiz
the page shows the **presenter view**: *Start a class session* gives a short code; students open
the same lesson with ``?class=CODE`` and answer its quiz on their own devices as usual, and each
first answer also counts for the session. The instructor chooses a question and *Puts it to the
class*; a chart shows how many chose each option, refreshed every ``REFRESH_S`` seconds from the
store, with how many have answered. *Reveal the answer* shows the keyed options and the
explanation on the projector; *Next question*, and *Close the session* when done. Results stay in
the store per session (``./course stats`` and the session's answers).

Under JupyterHub the hub says who is an instructor: a member of its ``instructors`` group opens
the lesson with ``?present=1`` (any value), and the answers service runs the session only for
them (``course_server.answers_service``).

Who may see what: without the key the presenter view is never built, and a student's page shows
only their own answers; the chart shows counts, never names. A code that names no open session is
said so on the student's page, and their answers stay theirs only.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from widgets.learner import query_value
from widgets.markup import citation, inline
from widgets.progress.item_stats import (
    ItemStatistics,
    Option,
    choice_options,
    chosen_positions,
    item_statistics,
)
from widgets.progress.session import Session
from widgets.progress.store import ClassSession
from widgets.quiz.question import plain_label

INSTRUCTOR_KEY_VARIABLE = "TC_INSTRUCTOR_KEY"
PRESENTER_PARAMETER = "present"
#: Seconds between two looks at the store for new answers (the goal: shown within 2 s).
REFRESH_S = 0.5
#: The question types a poll can chart: those whose answer is one or more of its options.
POLL_TYPES = ("single", "multiple", "true_false")

Schedule = Callable[[float, Callable[[], None]], Any]


def is_instructor(query: str, key: str | None = None) -> bool:
    """Whether the page's ``?present=`` value is the instructor key (compared in constant time)."""
    key = os.environ.get(INSTRUCTOR_KEY_VARIABLE, "") if key is None else key
    given = query_value(query, PRESENTER_PARAMETER)
    return bool(key) and given is not None and hmac.compare_digest(key, given)


def wants_presenter(query: str) -> bool:
    """Whether the page asked for the presenter view at all (with any key)."""
    return query_value(query, PRESENTER_PARAMETER) is not None


def poll_options(question: Any) -> list[Option] | None:
    """A question's options in bank order, as the poll charts them; None if it cannot."""
    return choice_options(question) if question.type in POLL_TYPES else None


def _event_loop_schedule(delay: float, callback: Callable[[], None]) -> Any:
    return asyncio.get_event_loop().call_later(delay, callback)


class PresenterView(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """The instructor's view of a lesson's class poll (see the module's docstring)."""

    def __init__(
        self, bank: Any, session: Session, *, schedule: Schedule = _event_loop_schedule
    ) -> None:
        self.bank = bank
        self.session = session
        self._schedule = schedule
        self.questions = [q for q in bank.questions if poll_options(q) is not None]
        self.current: ClassSession | None = None
        self._timer: Any = None
        self._shown = ""
        self.heading = ipw.HTML(
            "<h3>Presenter view: class poll</h3><p>Start a session, give the class its code, then "
            "put a question to them. Their answers appear here as they come in.</p>"
        )
        self.start = ipw.Button(description="Start a class session", button_style="primary")
        self.start.on_click(lambda _: self._start())
        self.code = ipw.HTML()
        self.code.add_class("tc-class-code")
        self.choice = ipw.Dropdown(
            options=[
                (f"{n}. {plain_label(q.prompt)[:80]}", q.id)
                for n, q in enumerate(self.questions, start=1)
            ],
            description="Question:",
            layout=ipw.Layout(width="min(100%, 48em)"),
        )
        self.put = ipw.Button(description="Put it to the class", button_style="primary")
        self.put.on_click(lambda _: self._put(self.choice.value))
        self.reveal = ipw.Button(description="Reveal the answer", disabled=True)
        self.reveal.on_click(lambda _: self._reveal())
        self.next = ipw.Button(description="Next question", disabled=True)
        self.next.on_click(lambda _: self._next())
        self.close_session = ipw.Button(description="Close the session", button_style="danger")
        self.close_session.on_click(lambda _: self._close())
        self.show_stats = ipw.Button(
            description="Statistics of this session", layout=ipw.Layout(width="auto")
        )
        self.show_stats.on_click(lambda _: self._statistics())
        self.stats = ipw.HTML()
        self.stats.add_class("tc-poll-stats")
        self.prompt = ipw.HTML()
        self.count = ipw.HTML()
        self.count.add_class("tc-poll-count")
        self.chart = ipw.HTML()
        self.chart.add_class("tc-poll-chart")
        self.answer = ipw.HTML()
        self.answer.add_class("tc-poll-answer")
        self.controls = ipw.VBox(
            [
                self.code,
                ipw.HBox([self.choice, self.put]),
                self.prompt,
                self.count,
                self.chart,
                ipw.HBox([self.reveal, self.next, self.show_stats, self.close_session]),
                self.answer,
                self.stats,
            ]
        )
        super().__init__([self.heading, self.start])
        self.add_class("tc-presenter")

    # --- actions --------------------------------------------------------------------------

    def _start(self) -> None:
        opened = self.session.store.open_class(self.bank.lesson)
        if opened is None:
            self.code.value = f"<p>⚠ {html.escape(self.session.status or 'Not saved.')}</p>"
            self.children = [self.heading, self.start, self.code]
            return
        self.current = opened
        named = (
            "signed in to the hub as themselves"
            if self.session.identity.source == "jupyterhub"
            else "and their name, as their lesson links carry it"
        )
        self.code.value = (
            f'<p>Class code: <strong class="tc-code">{opened.code}</strong></p>'
            f"<p>Students open this lesson with <code>?class={opened.code}</code> at the end of "
            f"its address: <code>{html.escape(self.bank.lesson)}.ipynb?class={opened.code}"
            f"</code> ({named}).</p>"
        )
        self.children = [self.heading, self.controls]

    def _put(self, question_id: str) -> None:
        if self.current is None:
            return
        changed = self.session.store.put_question(self.current.id, question_id)
        if changed is None:
            return
        self.current = changed
        self.reveal.disabled = False
        self.next.disabled = False
        self.answer.value = ""
        self._shown = ""
        self.refresh()
        self._keep_refreshing()

    def _reveal(self) -> None:
        if self.current is None or self.current.question_id is None:
            return
        question = self._question(self.current.question_id)
        changed = self.session.store.reveal_answer(self.current.id)
        if changed is not None:
            self.current = changed
        self.answer.value = (
            f"<p><strong>Answer:</strong> {inline(question.answer_text())}</p>"
            f"<p>{inline(question.explanation)} {citation(question.refs)}</p>"
        )
        self._shown = ""
        self.refresh()

    def _next(self) -> None:
        ids = [q.id for q in self.questions]
        if self.current is None or self.current.question_id not in ids:
            return
        following = ids[(ids.index(self.current.question_id) + 1) % len(ids)]
        self.choice.value = following
        self._put(following)

    def _statistics(self) -> None:
        """Item statistics of the answers given in this session (``item_stats``)."""
        if self.current is None:
            return
        options = {q.id: poll_options(q) for q in self.bank.questions}
        report = item_statistics(
            self.session.store.session_answers(self.current.id), lambda q: options.get(q)
        )
        self.stats.value = _statistics_table(report, {q.id: q for q in self.bank.questions})

    def _close(self) -> None:
        if self.current is not None:
            self._statistics()  # kept on screen after closing
            self.session.store.close_class(self.current.id)
        self.current = None
        self._stop()
        self.code.value = ""
        self.children = [
            self.heading,
            ipw.HTML("<p>The session is closed; its answers are kept.</p>"),
            self.stats,
            self.start,
        ]

    # --- the live chart -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the session's answers to the question put and redraw what changed."""
        if self.current is None or self.current.question_id is None:
            return
        question = self._question(self.current.question_id)
        options = poll_options(question) or []
        answers = self.session.store.class_answers(self.current.id, question.id)
        counts = [0] * len(options)
        for answer in answers:
            for position in chosen_positions(answer.answer, len(options)):
                counts[position] += 1
        shown = _chart(options, counts, len(answers), revealed=self.current.revealed)
        if shown != self._shown:  # only a change goes to the page
            self._shown = shown
            self.prompt.value = f'<p class="tc-poll-prompt">{inline(question.prompt)}</p>'
            noun = "student has" if len(answers) == 1 else "students have"
            self.count.value = f"<p><strong>{len(answers)}</strong> {noun} answered.</p>"
            self.chart.value = shown

    def _keep_refreshing(self) -> None:
        self._stop()

        def tick() -> None:
            self._timer = None
            if self.current is None:
                return
            try:
                self.refresh()
            finally:
                if self.current is not None and self._timer is None:
                    self._timer = self._schedule(REFRESH_S, tick)

        self._timer = self._schedule(REFRESH_S, tick)

    def _stop(self) -> None:
        if self._timer is not None and hasattr(self._timer, "cancel"):
            self._timer.cancel()
        self._timer = None

    def _question(self, question_id: str) -> Any:
        return next(q for q in self.questions if q.id == question_id)

    def __repr__(self) -> str:
        return f"PresenterView({self.bank.lesson!r})"


def _chart(options: list[Option], counts: list[int], answered: int, *, revealed: bool) -> str:
    """Horizontal bars, one per option: its label, the count and the share of those answering;
    once revealed, the keyed options are marked (in words, not only colour)."""
    rows = []
    for option, count in zip(options, counts, strict=True):
        share = count / answered if answered else 0.0
        key = revealed and option.correct
        mark = ' <strong class="tc-poll-key">✓ correct</strong>' if key else ""
        colour = "#1b7837" if key else "#4a6fa5"
        rows.append(
            f'<div class="tc-poll-row" role="listitem" data-count="{count}">'
            f'<div class="tc-poll-label">{inline(option.label)}{mark}</div>'
            '<div style="display:flex;align-items:center;gap:0.5em">'
            f'<div style="background:{colour};height:1.4em;width:{share * 30:.2f}em;'
            'min-width:2px"></div>'
            f"<span>{count} ({share:.0%})</span></div></div>"
        )
    return f'<div role="list" aria-label="Answers so far">{"".join(rows)}</div>'


def _statistics_table(report: list[ItemStatistics], questions: dict[str, Any]) -> str:
    """The session's item statistics as a table: counts and shares only, never a name."""
    if not report:
        return "<p>No answers in this session yet.</p>"
    rows = []
    for item in report:
        question = questions.get(item.question_id)
        prompt = plain_label(question.prompt) if question is not None else item.question_id
        discrimination = "-" if item.discrimination is None else f"{item.discrimination:.2f}"
        shares = "; ".join(
            f"{'✓ ' if o.correct else ''}{html.escape(plain_label(o.label)[:40])} {o.share:.0%}"
            for o in item.options
        )
        rows.append(
            f"<tr><td>{html.escape(prompt[:90])}</td><td>{item.attempts}</td>"
            f"<td>{item.facility:.0%}</td><td>{discrimination}</td>"
            f"<td>{html.escape(', '.join(item.flags))}</td><td>{shares}</td></tr>"
        )
    return (
        "<h4>Statistics of this session</h4><table><thead><tr><th>Question</th>"
        "<th>Answered</th><th>Facility</th><th>Discrimination</th><th>Flags</th>"
        "<th>Options chosen</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        "<p>From each student's first answer. Facility: the share right. Discrimination: the "
        "correlation with the rest of the session's questions (from 5 students). Flags: "
        "facility outside 0.2-0.9 or discrimination below 0.2. All sessions and dates: "
        "<code>./course stats</code>.</p>"
    )


def class_banner(session: Session) -> ipw.HTML | None:
    """The line above a student's quiz when the page names a class session; None otherwise."""
    if session.class_code is None:
        return None
    joined = session.class_session()
    if joined is None:
        text = f'<p class="tc-class-none">⚠ {html.escape(session.class_notice or "")}</p>'
    else:
        text = (
            f'<p class="tc-class-joined">You are answering in class session '
            f"<strong>{joined.code}</strong>: your first answer to each question also counts, "
            "without your name, on the class's chart.</p>"
        )
    return ipw.HTML(text)
