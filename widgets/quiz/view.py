"""The quiz on screen: question cards with feedback that teaches, hints, retries and a score.

Every answer is graded here, in the kernel, by ``widgets.quiz.registry.grade``; the browser only
ever holds the labels it shows and the feedback a student has earned. ``quiz(stem)`` and
``exercise(question_id)`` are what a lesson calls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import assert_never

import ipywidgets as ipw

from widgets.classroom import PresenterView, class_banner, is_instructor, wants_presenter
from widgets.course.catalog import load_course
from widgets.loading import ContentError
from widgets.markup import citation, inline
from widgets.progress.gate import LearnerGate
from widgets.progress.schema import Kind
from widgets.progress.session import QuestionRecord, Session
from widgets.quiz.assessment import Drawn, final_plan
from widgets.quiz.bank import Bank, cited_by, load_lesson_bank
from widgets.quiz.controls import AnswerControl, control_for, stage_figure
from widgets.quiz.question import Gradable, InvalidAnswerError, Result
from widgets.quiz.registry import AnyQuestion, Question, grade
from widgets.quiz.review import review_key, review_questions, standings
from widgets.quiz.scoring import PENALTY, Attempts
from widgets.quiz.types.staged_case import StagedCase
from widgets.references.catalog import load_references
from widgets.references.render import SourceList
from widgets.ui import layout, lean, notice

#: A card's record for a storage key, or None when nothing is saved (tests, previews).
Recorder = Callable[[str], QuestionRecord | None]


def _unsaved(_: str) -> None:
    return None


class QuestionCard(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """One question: prompt, answer control, Check / Hint / Show answer, and feedback."""

    def __init__(
        self,
        question: AnyQuestion,
        *,
        key: str,
        label: str,
        learner: str,
        on_change: Callable[[], None],
        record: QuestionRecord | None = None,
    ) -> None:
        self._question = question
        self._on_change = on_change
        self._record = record
        self.attempts = Attempts()
        self.control: AnswerControl = control_for(question.control(learner=learner, key=key))
        self.check = lean(ipw.Button, description="Check answer", button_style="primary")
        self.hint = lean(ipw.Button, description="Hint", disabled=not question.hints)
        self.reveal = lean(ipw.Button, description="Show answer", disabled=True)
        self.feedback = lean(ipw.HTML, layout_properties={"min_height": "1em"})
        self.feedback.add_class("tc-feedback")
        prompt = lean(ipw.HTML, value=f"<p><strong>{label}</strong> {inline(question.prompt)}</p>")
        # No hint button at all when there are no hints, rather than a hidden one.
        shown = (
            [self.check, self.hint, self.reveal] if question.hints else [self.check, self.reveal]
        )
        buttons = lean(ipw.HBox, children=shown)
        super().__init__(
            [prompt, self.control.widget, buttons, self.feedback],
            layout=layout(border_top="1px solid #d0d0d0", padding="0.4em 0", margin="0.4em 0"),
        )
        self.add_class("tc-question")
        self.check.on_click(self._on_check_click)
        self.hint.on_click(self._on_hint_click)
        self.reveal.on_click(self._on_reveal_click)
        if record is not None:
            self._restore(record)

    def _restore(self, record: QuestionRecord) -> None:
        """Replay the saved events: the same answers, graded again here, hints and reveals, so
        the card is as the student left it, with its credit (the key stays in the kernel)."""
        for event in record.past():
            if event.kind == "answer":
                try:
                    self.control.restore(event.answer)
                    result = grade(self._question, self.control.response())
                except (InvalidAnswerError, ValueError, TypeError, IndexError):
                    continue  # an answer the question no longer takes (its bank changed)
                self._checked(result)
            elif event.kind == "hint":
                self._take_hint()
            elif event.kind == "reveal":
                self._revealed()

    def _on_check_click(self, _: ipw.Button) -> None:
        if self.attempts.finished:
            return
        try:
            response = self.control.response()
            result = grade(self._question, response)
        except InvalidAnswerError as problem:
            self.feedback.value = f'<p class="tc-invalid">⚠ {inline(str(problem))}</p>'
            return
        self._checked(result)
        self._save("answer", answer=_stored(response), correct=result.correct)
        self._on_change()

    def _checked(self, result: Result) -> None:
        self.attempts.record(result)
        self.reveal.disabled = False
        self._show(result)

    def _on_hint_click(self, _: ipw.Button) -> None:
        if self.attempts.finished or self.attempts.hints_used >= len(self._question.hints):
            return
        self._take_hint()
        self._save("hint")
        self._on_change()

    def _take_hint(self) -> None:
        hints = self._question.hints
        if self.attempts.finished or self.attempts.hints_used >= len(hints):
            return
        self.attempts.hints_used += 1
        shown = "".join(f"<li>{inline(h)}</li>" for h in hints[: self.attempts.hints_used])
        self.feedback.value = f'<div class="tc-hint"><strong>Hint</strong><ul>{shown}</ul></div>'
        self.hint.disabled = self.attempts.hints_used >= len(hints)

    def _on_reveal_click(self, _: ipw.Button) -> None:
        if self.attempts.finished or not self.attempts.tries:
            return
        self._revealed()
        self._save("reveal")
        self._on_change()

    def _revealed(self) -> None:
        if self.attempts.finished or not self.attempts.tries:
            return
        self.attempts.revealed = True
        self._finish(f"<p><strong>The answer:</strong> {inline(self._question.answer_text())}</p>")

    def _save(self, kind: Kind, *, answer: object = None, correct: bool | None = None) -> None:
        if self._record is not None:
            self._record.add(
                kind,
                answer=answer,
                correct=correct,
                credit=self.attempts.credit(),
                hints=self.attempts.hints_used,
                revealed=self.attempts.revealed,
            )

    def _show(self, result: Result) -> None:
        notes = "".join(f"<li>{inline(note)}</li>" for note in result.feedback)
        if result.correct:
            verdict = "✔ Correct" + (
                f" (try {self.attempts.tries})" if self.attempts.tries > 1 else ""
            )
            self._finish(f'<p class="tc-correct"><strong>{verdict}.</strong></p><ul>{notes}</ul>')
        else:
            self.feedback.value = (
                '<p class="tc-wrong"><strong>✘ Not yet.</strong> Change your answer and check '
                f"again, {self._next_moves()}.</p><ul>{notes}</ul>"
            )

    def _next_moves(self) -> str:
        """What a wrong answer suggests: a hint only while one is left to take."""
        if self.attempts.hints_used < len(self._question.hints):
            return "ask for a hint, or show the answer"
        return "or show the answer"

    def _finish(self, verdict: str) -> None:
        question = self._question
        self.feedback.value = (
            f"{verdict}<p><strong>Why:</strong> {inline(question.explanation)} "
            f"{citation(question.refs)}</p>"
        )
        self.control.disable()
        for button in (self.check, self.hint, self.reveal):
            button.disabled = True

    def __repr__(self) -> str:
        return f"QuestionCard({self._question.type!r})"


class CaseCard(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """A staged case: each stage appears once the previous one is done.

    Later stages are built only when reached: a widget's state goes to the browser as soon as it
    exists, and a later stage's narrative would give away the answer to an earlier one.
    """

    def __init__(
        self,
        case: StagedCase,
        *,
        key: str,
        label: str,
        learner: str,
        on_change: Callable[[], None],
        recorder: Recorder = _unsaved,
        saved_as: str | None = None,
    ) -> None:
        self._case = case
        self._key = key
        self._saved_as = saved_as or key
        self._learner = learner
        self._on_change = on_change
        self._recorder = recorder
        self.stages: list[QuestionCard] = []
        self._title = lean(
            ipw.HTML, value=f"<p><strong>{label} Case: {inline(case.title)}</strong></p>"
        )
        self._blocks: list[ipw.VBox] = []
        super().__init__([self._title], layout=layout())
        self.add_class("tc-case")
        self._add_stage()
        while self.stages[-1].attempts.finished and len(self.stages) < len(case.stages):
            self._add_stage()  # a restored case resumes at the stage reached

    def _add_stage(self) -> None:
        number = len(self.stages) + 1
        stage = self._case.stages[number - 1]
        card = QuestionCard(
            stage.question,
            key=f"{self._key}#{number}",
            label=f"Stage {number}.",
            learner=self._learner,
            on_change=self._on_stage_change,
            record=self._recorder(f"{self._saved_as}#{number}"),
        )
        self.stages.append(card)
        block = [lean(ipw.HTML, value=f"<p><em>{inline(stage.narrative)}</em></p>"), card]
        if stage.image:
            block.insert(1, lean(ipw.HTML, value=stage_figure(stage.image, stage.image_alt or "")))
        self._blocks.append(lean(ipw.VBox, children=block))
        self.children = (self._title, *self._blocks)

    @property
    def attempts(self) -> list[Attempts]:
        """One per stage; stages not reached yet count as unfinished and unearned."""
        reached = [card.attempts for card in self.stages]
        return reached + [Attempts() for _ in range(len(self._case.stages) - len(reached))]

    def _on_stage_change(self) -> None:
        if self.stages[-1].attempts.finished and len(self.stages) < len(self._case.stages):
            self._add_stage()
        self._on_change()


def card_for(
    question: Question,
    *,
    label: str,
    learner: str,
    on_change: Callable[[], None],
    recorder: Recorder = _unsaved,
    saved_as: str | None = None,
) -> QuestionCard | CaseCard:
    """The card that fits a bank entry: a staged case or a single question.

    ``recorder`` gives the card's saved record under ``saved_as`` (default: the question's id;
    a case's stages are ``<saved_as>#<n>``).
    """
    saved_as = saved_as or question.id
    match question:
        case StagedCase():
            return CaseCard(
                question,
                key=question.id,
                label=label,
                learner=learner,
                on_change=on_change,
                recorder=recorder,
                saved_as=saved_as,
            )
        case Gradable():
            return QuestionCard(
                question,
                key=question.id,
                label=label,
                learner=learner,
                on_change=on_change,
                record=recorder(saved_as),
            )
        case _:
            assert_never(question)


def _stored(response: object) -> object:
    """A response as JSON values (a set of positions becomes a sorted list)."""
    if isinstance(response, set | frozenset):
        return sorted(response)
    return response


def recorder_for(session: Session | None, lesson: str) -> Recorder:
    """Records of ``lesson``'s questions in ``session``; nothing is saved without one."""
    if session is None:
        return _unsaved
    return lambda key: session.question(lesson, key)


def attempts_of(card: QuestionCard | CaseCard) -> list[Attempts]:
    """A card's attempts: one per stage of a case, else one."""
    return card.attempts if isinstance(card, CaseCard) else [card.attempts]


def points_of(card: QuestionCard | CaseCard) -> float:
    """A question's points: its credit, averaged over the stages of a case."""
    group = attempts_of(card)
    return sum(a.credit() for a in group) / len(group)


def is_finished(card: QuestionCard | CaseCard) -> bool:
    return all(a.finished for a in attempts_of(card))


class QuizView(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """The end-of-lesson questions of a bank, with a running score.

    Questions marked ``in_lesson`` are left out: the lesson shows them in its body with
    ``exercise(id)``.
    """

    def __init__(
        self,
        bank: Bank,
        *,
        learner: str,
        session: Session | None = None,
        review: Sequence[Drawn] = (),
    ) -> None:
        self.bank = bank
        self._session = session
        questions = [q for q in bank.questions if not q.in_lesson]
        recorder = recorder_for(session, bank.lesson)
        self.review = ReviewBlock(review, learner=learner, recorder=recorder) if review else None
        self.cards = [
            card_for(
                q, label=f"{n}.", learner=learner, on_change=self._on_answer, recorder=recorder
            )
            for n, q in enumerate(questions, start=1)
        ]
        self.score = ipw.HTML()
        self.score.add_class("tc-score")
        intro = ipw.HTML(
            f"<p>{len(questions)} questions on this lesson, graded as you go. A right answer on "
            f"the first try earns a full mark; each further try or hint costs {PENALTY:g} of a "
            "mark.</p>"
        )
        opening = [self.review] if self.review is not None else []
        super().__init__([*opening, intro, *self.cards, self.score])
        self.add_class("tc-quiz")
        self._update_score()

    def question_attempts(self) -> list[list[Attempts]]:
        """Attempts per question (a case has one per stage)."""
        return [attempts_of(card) for card in self.cards]

    def points(self) -> float:
        """A question's points: its credit, averaged over the stages of a case."""
        return sum(points_of(card) for card in self.cards)

    def _on_answer(self) -> None:
        self._update_score()
        if self._session is not None and all(is_finished(card) for card in self.cards):
            self._session.finish(self.bank.lesson)

    def _update_score(self) -> None:
        done = sum(is_finished(card) for card in self.cards)
        total = len(self.cards)
        self.score.value = (
            f"<p><strong>Score: {self.points():g} / {total}</strong> ({done} of {total} questions "
            "finished)</p>"
        )

    def __repr__(self) -> str:
        return f"QuizView({self.bank.lesson!r}, {len(self.cards)} questions)"


class ReviewBlock(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Questions from earlier lessons that open a quiz (``widgets.quiz.review``), with the
    sources they cite listed under them: they are not in this lesson's own source list.

    Their answers are saved in this lesson, under ``review/<question id>``, and do not count
    toward its score.
    """

    def __init__(self, drawn: Sequence[Drawn], *, learner: str, recorder: Recorder) -> None:
        self.drawn = list(drawn)
        self.cards = [
            card_for(
                d.question,
                label=f"Review {n}.",
                learner=learner,
                on_change=lambda: None,
                recorder=recorder,
                saved_as=review_key(d.question.id),
            )
            for n, d in enumerate(self.drawn, start=1)
        ]
        lessons = {lesson.stem: lesson for lesson in load_course().lessons}
        came_from = sorted({lessons[d.lesson].number for d in self.drawn if d.lesson in lessons})
        numbers = ", ".join(str(n) for n in came_from)
        intro = ipw.HTML(
            "<h3>Warm-up: from earlier lessons</h3>"
            f"<p>{len(self.cards)} questions from lesson{'s' if len(came_from) > 1 else ''} "
            f"{numbers}, chosen for you: first those you missed before, then those you have not "
            "met. Recalling what you learnt a while ago is what makes it stay. They do not count "
            "toward this lesson's score.</p>"
        )
        cited = sorted({n for d in self.drawn for n in cited_by(d.question)})
        references = load_references()
        sources = SourceList(
            "review",
            tuple(references.get(n) for n in cited),
            anchors=False,
            label="Sources of the review questions",
        )
        listed = ipw.HTML(
            f"<details><summary>Sources of these questions</summary>{sources._repr_html_()}"
            "</details>"
        )
        super().__init__([intro, *self.cards, listed])
        self.add_class("tc-review")

    def __repr__(self) -> str:
        return f"ReviewBlock({[d.question.id for d in self.drawn]!r})"


class Exercise(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """One bank question shown in the body of a lesson, graded like any other."""

    def __init__(self, question: Question, *, learner: str, session: Session | None = None) -> None:
        self.question = question
        lesson = question.id.split("/", 1)[0]
        self.card = card_for(
            question,
            label="Exercise.",
            learner=learner,
            on_change=lambda: None,
            recorder=recorder_for(session, lesson),
        )
        super().__init__([self.card])
        self.add_class("tc-exercise")

    def __repr__(self) -> str:
        return f"Exercise({self.question.id!r})"


def quiz(stem: str, *, learner: str | None = None) -> QuizView | LearnerGate | ipw.HTML:
    """The quiz of lesson ``stem``, for this kernel's learner (asked for if unknown), with their
    saved answers; its options are shuffled for the learner.

    ``learner`` shows the quiz for that name without saving anything (previews, tests).
    A broken bank does not break the lesson: the quiz's place shows what is wrong (file, question
    id and field), and the content tests fail on the same error.
    """
    try:
        bank = load_lesson_bank(stem)
    except ContentError as problem:
        return notice("This quiz could not be loaded.", str(problem))
    # The earlier lessons' banks are read now: in a preheated kernel this runs before the visitor
    # arrives, so their warm-up is drawn at once when their name does.
    earlier = _earlier_banks(stem)
    if learner is not None:
        return QuizView(bank, learner=learner, review=_review(stem, earlier, learner, None))

    def build(session: Session) -> ipw.Widget:
        query = session.identity.query
        if wants_presenter(query) and (is_instructor(query) or session.instructor):
            return PresenterView(bank, session)
        view = QuizView(
            bank,
            learner=_seed(session),
            session=session,
            review=_review(stem, earlier, _seed(session), session),
        )
        above = [class_banner(session)]
        if wants_presenter(query):
            reason = (
                "it is for the hub's instructors"
                if session.identity.source == "jupyterhub"
                else "its key is not this server's instructor key"
            )
            above.append(
                ipw.HTML(
                    f'<p class="tc-class-none">⚠ This link asks for the presenter view, but '
                    f"{reason}: here is the lesson's quiz.</p>"
                )
            )
        shown = [widget for widget in above if widget is not None]
        return ipw.VBox([*shown, view]) if shown else view

    return LearnerGate(build)


def _earlier_banks(stem: str) -> list[Bank]:
    """The banks a quiz's warm-up draws from: the examined lessons before ``stem`` (none before
    lesson 2)."""
    examined = final_plan().examined()
    if stem not in examined[1:]:
        return []
    return [load_lesson_bank(other) for other in examined[: examined.index(stem)]]


def _review(stem: str, earlier: list[Bank], learner: str, session: Session | None) -> list[Drawn]:
    """The questions from ``earlier`` banks that open ``stem``'s quiz for ``learner``."""
    if not earlier:
        return []
    record = standings(session.all_events(), lesson=stem) if session is not None else {}
    return review_questions(stem, earlier, learner=learner, record=record)


def _seed(session: Session) -> str:
    assert session.name is not None  # a gate builds its content only for a known learner
    return session.name


def exercise(question_id: str, *, learner: str | None = None) -> Exercise | LearnerGate | ipw.HTML:
    """One question of a lesson's bank, shown in the lesson body (``<lesson stem>/<slug>``).

    The question must be marked ``in_lesson: true`` in its bank, so the end-of-lesson quiz does
    not ask it a second time.
    """
    stem = question_id.split("/", 1)[0]
    try:
        bank = load_lesson_bank(stem)
        question = bank.question(question_id)
    except (ContentError, KeyError) as problem:
        detail = problem.args[0] if isinstance(problem, KeyError) else str(problem)
        return notice("This exercise could not be loaded.", detail)
    if not question.in_lesson:
        return notice(
            "This exercise could not be loaded.",
            f"Question {question_id} is not marked in_lesson: true in {stem}.yaml, so the quiz "
            "would ask it twice.",
        )
    if learner is not None:
        return Exercise(question, learner=learner)
    return LearnerGate(lambda session: Exercise(question, learner=_seed(session), session=session))
