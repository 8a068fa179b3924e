"""The final assessment on screen: a mixed set of questions and a live score report by topic.

``final_assessment()`` is what a lesson calls. Which banks it draws from, how many questions,
and the report's study targets are data: ``final_assessment:`` in ``assets/course.yaml``.
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.course.catalog import FinalAssessmentPlan, load_course
from widgets.loading import ContentError
from widgets.markup import inline
from widgets.progress.gate import LearnerGate
from widgets.progress.session import Session
from widgets.quiz.assessment import (
    Drawn,
    StudyTargets,
    TopicScore,
    draw_questions,
    final_plan,
    redraw,
    topic_scores,
)
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.scoring import PENALTY
from widgets.quiz.view import (
    CaseCard,
    QuestionCard,
    card_for,
    is_finished,
    points_of,
    recorder_for,
)
from widgets.ui import notice


class FinalAssessment(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Questions drawn from every lesson's bank for a learner, then a report by topic.

    The set is drawn for ``learner`` (the same name always gets the same set) and, with a
    ``session``, saved as it is drawn: a reload, a restart or a changed bank brings back the same
    questions in the same order, with the answers given so far.
    """

    def __init__(self, *, learner: str, attempt: int = 1, session: Session | None = None) -> None:
        course = load_course()
        self._plan = final_plan()
        banks = [load_lesson_bank(stem) for stem in self._plan.examined()]
        final = load_lesson_bank(self._plan.lesson)
        self._attempt = attempt
        self._titles = {lesson.stem: (lesson.number, lesson.title) for lesson in course.lessons}
        saved = session.final_set(attempt) if session is not None else None
        drawn = redraw(saved.question_ids, banks, final) if saved is not None else None
        if drawn is None:
            drawn = draw_questions(
                banks,
                final,
                learner=learner,
                attempt=attempt,
                per_lesson=self._plan.questions_per_lesson,
                integrated_count=self._plan.integrated_questions,
            )
            if session is not None:
                session.save_final_set([d.question.id for d in drawn], attempt=attempt)
        self.drawn: list[Drawn] = drawn
        recorder = recorder_for(session, self._plan.lesson)
        self.cards: list[QuestionCard | CaseCard] = [
            card_for(
                d.question,
                label=f"{n}.",
                learner=learner,
                on_change=self._update,
                recorder=recorder,
                saved_as=f"try-{attempt}/{d.question.id}",
            )
            for n, d in enumerate(self.drawn, start=1)
        ]
        topics = len({d.lesson for d in self.drawn})
        retake = f" (try {attempt})" if attempt > 1 else ""
        self.intro = ipw.HTML(
            f"<p>{len(self.drawn)} questions from {topics} topics, in mixed order, drawn for "
            f"<strong>{html.escape(learner)}</strong>{retake}: the same name always gets the "
            "same set, and your answers are kept. A right answer on the first try earns a full "
            f"mark; each further try or hint costs {PENALTY:g} of a mark. Your report by topic, "
            "at the end, fills in as you answer.</p>"
        )
        self.report = ipw.HTML()
        self.report.add_class("tc-report")
        super().__init__([self.intro, *self.cards, self.report])
        self.add_class("tc-final")
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


def final_assessment(
    *, learner: str | None = None, attempt: int = 1
) -> FinalAssessment | LearnerGate | ipw.HTML:
    """The course's final assessment for this kernel's learner (asked for if unknown), with
    their saved set and answers; ``attempt=2`` draws a fresh set for a retake.

    ``learner`` shows the set drawn for that name without saving anything (previews, tests).
    """
    try:
        final_plan()
    except ContentError as problem:
        return notice("The final assessment could not be loaded.", str(problem))

    def build(session: Session) -> FinalAssessment | ipw.HTML:
        assert session.name is not None
        try:
            return FinalAssessment(learner=session.name, attempt=attempt, session=session)
        except ContentError as problem:
            return notice("The final assessment could not be loaded.", str(problem))

    if learner is not None:
        try:
            return FinalAssessment(learner=learner, attempt=attempt)
        except ContentError as problem:
            return notice("The final assessment could not be loaded.", str(problem))
    return LearnerGate(build)
