"""Credit for answers: tries and hints a student used on a question, and the marks they earn."""

from __future__ import annotations

from dataclasses import dataclass, field

from widgets.quiz.question import Result

#: Each extra try or hint used takes this much off a question's credit, down to the floor.
PENALTY = 0.25
FLOOR = 0.25


@dataclass
class Attempts:
    """What a student has done with one question: tries, hints, and how it ended."""

    tries: int = 0
    hints_used: int = 0
    solved: bool = False
    revealed: bool = False
    history: list[bool] = field(default_factory=list)

    def record(self, result: Result) -> None:
        if self.solved or self.revealed:
            return
        self.tries += 1
        self.history.append(result.correct)
        self.solved = result.correct

    @property
    def finished(self) -> bool:
        return self.solved or self.revealed

    def credit(self) -> float:
        """1 for a first-try answer without hints; each extra try or hint costs a quarter."""
        if not self.solved:
            return 0.0
        return max(FLOOR, 1.0 - PENALTY * (self.tries - 1 + self.hints_used))


def score(attempts: list[Attempts]) -> float:
    return sum(attempt.credit() for attempt in attempts)
