"""The final assessment on screen: a mixed set of questions and a live score report by topic."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.course import load_course
from widgets.markup import inline
from widgets.quiz.assessment import REVISIT, SECURE, Drawn, TopicScore, draw_questions, topic_scores
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.grading import PENALTY
from widgets.quiz.view import CaseCard, QuestionCard, card_for, is_finished, points_of

FINAL = "10-final-assessment"
#: Lesson 00 is about using the course, not the condition; it is not examined.
NOT_EXAMINED = ("00-start-here", FINAL)
#: Where to go back to for the integrated questions.
INTEGRATED_REVISIT = "09-cases"


class FinalAssessment(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Questions drawn from every lesson's bank for this learner, then a report by topic."""

    def __init__(self, *, learner: str, attempt: int = 1) -> None:
        course = load_course()
        banks = [
            load_lesson_bank(lesson.stem)
            for lesson in course.lessons
            if lesson.stem not in NOT_EXAMINED
        ]
        self.drawn: list[Drawn] = draw_questions(
            banks, load_lesson_bank(FINAL), learner=learner, attempt=attempt
        )
        self._titles = {lesson.stem: (lesson.number, lesson.title) for lesson in course.lessons}
        self.cards: list[QuestionCard | CaseCard] = [
            card_for(d.question, label=f"{n}.", learner=learner, on_change=self._update)
            for n, d in enumerate(self.drawn, start=1)
        ]
        self.report = ipw.HTML()
        self.report.add_class("tc-report")
        topics = len({d.lesson for d in self.drawn})
        intro = ipw.HTML(
            f"<p>{len(self.drawn)} questions from {topics} topics, in mixed order. The set is "
            "drawn for you and stays the same when you come back. A right answer on the first try "
            f"earns a full mark; each further try or hint costs {PENALTY:g} of a mark. Your "
            "report by topic, at the end, fills in as you answer.</p>"
        )
        super().__init__([intro, *self.cards, self.report])
        self.add_class("tc-final")
        self._update()

    def scores(self) -> list[TopicScore]:
        return topic_scores(
            [
                (d.lesson, points_of(card), is_finished(card))
                for d, card in zip(self.drawn, self.cards, strict=True)
            ]
        )

    def _update(self) -> None:
        self.report.value = render_report(self.scores(), self._titles)

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


def render_report(scores: list[TopicScore], titles: dict[str, tuple[int, str]]) -> str:
    """The score report: one row per topic, each pointing back to its lesson."""
    cell = "style='text-align:left;padding:0.3em 0.6em;border-top:1px solid #ccc'"
    rows = []
    for topic in scores:
        if topic.lesson == FINAL:
            name = "Integrated questions (the whole course)"
            target = INTEGRATED_REVISIT
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
        f"finished). A topic is secure at {SECURE:.0%} of its marks; below {REVISIT:.0%}, go back "
        "to its lesson. These targets are the course's own, for your study.</p>"
        "<table class='tc-report-table' style='border-collapse:collapse'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
