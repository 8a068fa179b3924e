"""The final assessment on screen: a mixed set of questions and a live score report by topic.

``final_assessment()`` is what a lesson calls. Which banks it draws from, how many questions,
and the report's study targets are data: ``final_assessment:`` in ``assets/course.yaml``.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.course.catalog import FinalAssessmentPlan, load_course
from widgets.learner import learner_id
from widgets.loading import ContentError
from widgets.markup import inline
from widgets.quiz.assessment import (
    Drawn,
    StudyTargets,
    TopicScore,
    draw_questions,
    final_plan,
    topic_scores,
)
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.scoring import PENALTY
from widgets.quiz.view import (
    CaseCard,
    QuestionCard,
    attempts_of,
    card_for,
    is_finished,
    points_of,
)
from widgets.ui import notice

#: Longest name or student number accepted to seed a draw.
MAX_LEARNER_CHARS = 80


class FinalAssessment(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Questions drawn from every lesson's bank for a learner, then a report by topic.

    The set is drawn for ``learner``. On a shared classroom server every viewer starts as the same
    learner, so each student can type a name or student number and draw their own set, until they
    answer a first question (a new draw then would throw their answers away).
    """

    def __init__(self, *, learner: str, attempt: int = 1) -> None:
        course = load_course()
        self._plan = final_plan()
        self._banks = [load_lesson_bank(stem) for stem in self._plan.examined()]
        self._final = load_lesson_bank(self._plan.lesson)
        self._attempt = attempt
        self._titles = {lesson.stem: (lesson.number, lesson.title) for lesson in course.lessons}
        self.learner = ipw.Text(
            value=learner,
            description="Your name or student number:",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="28em"),
        )
        self.draw = ipw.Button(
            description="Draw my set", tooltip="Draw the questions for this name"
        )
        self.draw_note = ipw.HTML()
        self.draw.on_click(self._on_draw_click)
        self.intro = ipw.HTML()
        self.report = ipw.HTML()
        self.report.add_class("tc-report")
        self.drawn: list[Drawn] = []
        self.cards: list[QuestionCard | CaseCard] = []
        super().__init__()
        self.add_class("tc-final")
        self._deal(learner)

    def _deal(self, learner: str) -> None:
        for card in self.cards:  # a new draw replaces the unanswered set: free its widgets
            _close_tree(card)
        self.drawn = draw_questions(
            self._banks,
            self._final,
            learner=learner,
            attempt=self._attempt,
            per_lesson=self._plan.questions_per_lesson,
            integrated_count=self._plan.integrated_questions,
        )
        self.cards = [
            card_for(d.question, label=f"{n}.", learner=learner, on_change=self._on_answer)
            for n, d in enumerate(self.drawn, start=1)
        ]
        topics = len({d.lesson for d in self.drawn})
        self.intro.value = (
            f"<p>{len(self.drawn)} questions from {topics} topics, in mixed order, drawn for "
            f"<strong>{html.escape(learner)}</strong>: the same name always gets the same set. "
            "A right answer on the first try earns a full mark; each further try or hint costs "
            f"{PENALTY:g} of a mark. Your report by topic, at the end, fills in as you answer.</p>"
        )
        controls = ipw.VBox([ipw.HBox([self.learner, self.draw]), self.draw_note])
        self.children = (controls, self.intro, *self.cards, self.report)
        self._update()

    def _on_draw_click(self, _: ipw.Button) -> None:
        if self.started():
            self.draw_note.value = (
                "<p>You have started this set, so it is kept; your answers are not lost.</p>"
            )
            return
        name = " ".join(self.learner.value.split())
        if not name:
            self.draw_note.value = "<p>⚠ Type your name or student number first.</p>"
            return
        if len(name) > MAX_LEARNER_CHARS:
            self.draw_note.value = (
                f"<p>⚠ That is too long: use at most {MAX_LEARNER_CHARS} characters.</p>"
            )
            return
        self.draw_note.value = ""
        self._deal(name)

    def started(self) -> bool:
        """Whether any question has been tried or given a hint."""
        return any(a.tries or a.hints_used for card in self.cards for a in attempts_of(card))

    def _on_answer(self) -> None:
        if self.started() and not self.draw.disabled:
            self.draw.disabled = self.learner.disabled = True
            self.draw_note.value = "<p>Your set is fixed now that you have started.</p>"
        self._update()

    def scores(self) -> list[TopicScore]:
        targets = StudyTargets(secure=self._plan.secure_share, revisit=self._plan.revisit_share)
        return topic_scores(
            [
                (d.lesson, points_of(card), is_finished(card))
                for d, card in zip(self.drawn, self.cards, strict=True)
            ],
            targets,
        )

    def _update(self) -> None:
        self.report.value = render_report(self.scores(), self._titles, plan=self._plan)

    def __repr__(self) -> str:
        return f"FinalAssessment({len(self.cards)} questions)"


def _close_tree(widget: ipw.Widget) -> None:
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


_ADVICE = {
    "unfinished": "Not finished yet",
    "secure": "Secure",
    "review": "Re-read the key points of {link}",
    "revisit": "Work through {link} again",
}


def _link(stem: str, titles: dict[str, tuple[int, str]]) -> str:
    number, title = titles[stem]
    return f'<a href="{html.escape(stem)}.ipynb">lesson {number}, {inline(title)}</a>'


def render_report(
    scores: list[TopicScore], titles: dict[str, tuple[int, str]], *, plan: FinalAssessmentPlan
) -> str:
    """The score report: one row per topic, each pointing back to its lesson."""
    cell = "style='text-align:left;padding:0.3em 0.6em;border-top:1px solid #ccc'"
    rows = []
    for topic in scores:
        if topic.lesson == plan.lesson:
            name = "Integrated questions (the whole course)"
            target = plan.integrated_revisit
        else:
            number, title = titles[topic.lesson]
            name = f"{number}. {inline(title)}"
            target = topic.lesson
        advice = _ADVICE[topic.verdict].format(link=_link(target, titles))
        rows.append(
            f'<tr data-topic="{html.escape(topic.lesson)}" data-verdict="{topic.verdict}">'
            f"<td {cell}>{name}</td><td {cell}>{topic.points:g} / {topic.asked}</td>"
            f"<td {cell}>{advice}</td></tr>"
        )
    asked = sum(t.asked for t in scores)
    points = sum(t.points for t in scores)
    finished = sum(t.finished for t in scores)
    head = "".join(f"<th {cell} scope='col'>{h}</th>" for h in ("Topic", "Score", "Next step"))
    return (
        "<h3>Your report by topic</h3>"
        f"<p><strong>Total: {points:g} / {asked}</strong> ({finished} of {asked} questions "
        f"finished). A topic is secure at {plan.secure_share:.0%} of its marks; below "
        f"{plan.revisit_share:.0%}, go back to its lesson. These targets are the course's own, "
        "for your study.</p>"
        "<table class='tc-report-table' style='border-collapse:collapse'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def final_assessment(*, learner: str | None = None, attempt: int = 1) -> FinalAssessment | ipw.HTML:
    """The course's final assessment, drawn for this learner; ``attempt=2`` draws a fresh set."""
    try:
        return FinalAssessment(learner=learner or learner_id(), attempt=attempt)
    except ContentError as problem:
        return notice("The final assessment could not be loaded.", str(problem))
