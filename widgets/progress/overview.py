"""Lesson 00's "your progress": where the learner stands in every lesson, where to go on, and
their own record to download or delete.

``progress()`` is what the lesson calls. The table is computed from the saved events
(``widgets.progress.summary``); links carry the learner (``?learner=NAME``) when the name came
from a link or was typed, so the next page knows who it is.
"""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as ipw

from widgets.course.catalog import Course, load_course
from widgets.loading import ContentError
from widgets.markup import inline
from widgets.progress.export import to_csv, to_json
from widgets.progress.gate import LearnerGate, learner_query
from widgets.progress.session import Session
from widgets.progress.summary import Asked, LessonStanding, standing, where_to_continue
from widgets.quiz.assessment import draw_questions, final_plan
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.types.staged_case import StagedCase
from widgets.ui import lean, notice

_CELL = "style='text-align:left;padding:0.3em 0.6em;border-top:1px solid #ccc'"


def asked_in(stem: str, session: Session) -> list[Asked]:
    """The questions lesson ``stem`` asks this learner, with the keys they are saved under."""
    plan = final_plan()
    if stem == plan.lesson:
        banks = [load_lesson_bank(s) for s in (*plan.examined(), plan.lesson)]
        stages = {q.id: _stages(q) for bank in banks for q in bank.questions}
        drawn = session.final_set(1)
        ids = list(drawn.question_ids) if drawn else []
        if not ids:
            # Not drawn yet: as many as this learner's set will hold (it covers every objective).
            count = len(
                draw_questions(
                    banks[:-1],
                    banks[-1],
                    learner=session.name or "",
                    per_lesson=plan.questions_per_lesson,
                    integrated_count=plan.integrated_questions,
                )
            )
            return [Asked(f"try-1/not-drawn-{n}") for n in range(count)]
        return [Asked(f"try-1/{qid}", stages.get(qid, 1)) for qid in ids]
    return [Asked(q.id, _stages(q)) for q in load_lesson_bank(stem).questions]


def _stages(question: object) -> int:
    return len(question.stages) if isinstance(question, StagedCase) else 1


def link_to(stem: str, session: Session) -> str:
    """A lesson's address from another lesson, carrying the learner if the page needs it."""
    carry = session.identity.source in ("link", "typed") and session.name is not None
    query = f"?{learner_query(session.name or '')}" if carry else ""
    return html.escape(f"{stem}.ipynb{query}")


def standings(course: Course, session: Session) -> list[LessonStanding]:
    started = {row.lesson for row in session.lessons()}
    events = session.all_events()
    return [
        standing(
            lesson.stem,
            asked_in(lesson.stem, session),
            [e for e in events if e.lesson == lesson.stem],
            started=lesson.stem in started,
        )
        for lesson in course.lessons
        if lesson.is_available()
    ]


def render_progress(course: Course, rows: list[LessonStanding], session: Session) -> str:
    titles = {lesson.stem: (lesson.number, lesson.title) for lesson in course.lessons}
    body = []
    for row in rows:
        number, title = titles[row.lesson]
        status = "Finished" if row.done else ("Started" if row.started else "Not started")
        action = "Review" if row.done else ("Continue" if row.started else "Start")
        link = f'<a href="{link_to(row.lesson, session)}">{action}</a>'
        body.append(
            f'<tr data-lesson="{html.escape(row.lesson)}" data-status="{status.lower()}">'
            f"<td {_CELL}>{number}. {inline(title)}</td>"
            f"<td {_CELL}>{row.answered} / {row.asked}</td>"
            f"<td {_CELL}>{row.credit:g}</td><td {_CELL}>{status}</td><td {_CELL}>{link}</td></tr>"
        )
    head = "".join(
        f"<th {_CELL} scope='col'>{name}</th>"
        for name in ("Lesson", "Answered", "Credit", "Status", "Go to")
    )
    next_stem = where_to_continue(rows)
    if next_stem is None:
        where = "<p>You have finished every lesson.</p>"
    else:
        number, title = titles[next_stem]
        where = (
            f'<p class="tc-continue"><strong>Continue with <a href="{link_to(next_stem, session)}">'
            f"lesson {number}, {inline(title)}</a>.</strong></p>"
        )
    return (
        f"{where}<table class='tc-progress' style='border-collapse:collapse'>"
        "<caption style='text-align:left;font-weight:bold'>Your progress, lesson by lesson"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _file_stem(name: str) -> str:
    """A safe file name from a learner's name (letters, digits, - and _ only)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:40] or "learner"


def _download(text: str, file_name: str, kind: str, label: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a download="{html.escape(file_name)}" href="data:{kind};charset=utf-8;base64,{data}">'
        f"{html.escape(label)}</a>"
    )


def _button(**kwargs: object) -> ipw.Button:
    """A button as wide as its words (ipywidgets' fixed 148 px cuts "Download my record")."""
    return lean(ipw.Button, layout_properties={"width": "auto"}, **kwargs)


class ProgressView(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """The progress table, then the learner's record: download it, or delete it."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.course = load_course()
        self.table = ipw.HTML()
        self.refresh = _button(description="Refresh", tooltip="Read your progress again")
        self.refresh.on_click(lambda _: self.show())
        self.prepare = _button(description="Download my record")
        self.prepare.on_click(self._on_prepare)
        self.downloads = ipw.HTML()
        self.forget = _button(description="Delete my record…", button_style="danger")
        self.forget.on_click(self._on_forget)
        self.confirm = _button(description="Yes, delete everything", button_style="danger")
        self.cancel = _button(description="Keep my record")
        self.confirm.on_click(self._on_confirm)
        self.cancel.on_click(self._on_cancel)
        self.question = ipw.HTML()
        self.confirmation = ipw.VBox([self.question, ipw.HBox([self.confirm, self.cancel])])
        self.confirmation.layout.display = "none"
        record = ipw.HTML(
            "<h3>Your record</h3><p>Every answer, hint and shown answer is kept with its time. "
            "Download it as a spreadsheet (CSV) or as JSON, or delete it from this server.</p>"
        )
        super().__init__(
            [
                self.table,
                self.refresh,
                record,
                ipw.HBox([self.prepare, self.forget]),
                self.downloads,
                self.confirmation,
            ]
        )
        self.add_class("tc-progress-view")
        self.show()

    def show(self) -> None:
        self.table.value = render_progress(
            self.course, standings(self.course, self.session), self.session
        )

    def _on_prepare(self, _: object) -> None:
        rows = self.session.export()
        stem = f"tumoral-calcinosis-{_file_stem(self.session.name or '')}"
        self.downloads.value = (
            f"<p>{len(rows)} events. "
            f"{_download(to_csv(rows), f'{stem}.csv', 'text/csv', 'Download CSV')} · "
            f"{_download(to_json(rows), f'{stem}.json', 'application/json', 'Download JSON')}</p>"
        )

    def _on_forget(self, _: object) -> None:
        name = html.escape(self.session.name or "")
        self.question.value = (
            f"<p role='alert'><strong>Delete the whole record of {name}?</strong> Every answer, "
            "hint and credit in every lesson goes, and it cannot be undone.</p>"
        )
        self.confirmation.layout.display = "flex"

    def _on_cancel(self, _: object) -> None:
        self.confirmation.layout.display = "none"

    def _on_confirm(self, _: object) -> None:
        self.confirmation.layout.display = "none"
        name = self.session.name or ""
        deleted = self.session.forget()
        if deleted is None:
            self.downloads.value = (
                "<p class='tc-invalid'>⚠ The record could not be deleted: "
                f"{html.escape(self.session.status or 'the progress store is not available')}</p>"
            )
        else:
            self.downloads.value = (
                f"<p>The record of {html.escape(name)} is deleted ({deleted} rows).</p>"
            )
            self.show()


def progress() -> LearnerGate | ipw.HTML:
    """Where this kernel's learner stands in every lesson, with links to go on (lesson 00)."""
    try:
        plan = final_plan()
        # Read every bank now (they are cached): in a preheated kernel this runs before the
        # visitor arrives, so the table is built at once when their name does.
        for lesson in load_course().lessons:
            if lesson.is_available() and lesson.stem != plan.lesson:
                load_lesson_bank(lesson.stem)
        load_lesson_bank(plan.lesson)
    except ContentError as problem:
        return notice("Your progress could not be shown.", str(problem))
    return LearnerGate(ProgressView)
