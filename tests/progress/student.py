"""One student's kernel, as a separate process writing to a shared progress store.

    python -m tests.progress.student URL NAME [--questions 20] [--rounds 1] [--wait-for-go]
                                              [--forever]

Opens the store, prints ``ready``, waits for a line on stdin if asked (so that many students
start at once), then records one answer per question (``--rounds`` times over) and prints each
committed attempt's id, flushed, after its commit. With ``--forever`` it goes on until killed.
"""

from __future__ import annotations

import argparse
import itertools
import sys

from widgets.progress.store import Store

LESSON = "01-what-is-it"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("name")
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--busy-timeout-s", type=float, default=5.0)
    parser.add_argument("--wait-for-go", action="store_true")
    parser.add_argument("--forever", action="store_true")
    args = parser.parse_args()
    store = Store.open(args.url, busy_timeout_s=args.busy_timeout_s)
    learner = store.learner(args.name)
    print("ready", flush=True)
    if args.wait_for_go:
        sys.stdin.readline()
    rounds = itertools.count() if args.forever else range(args.rounds)
    for _ in rounds:
        for number in range(args.questions):
            attempt = store.record(
                learner,
                lesson=LESSON,
                question_id=f"{LESSON}/question-{number}",
                answer={"choice": number % 4},
                correct=number % 2 == 0,
                credit=1.0 if number % 2 == 0 else 0.0,
                elapsed_ms=1000 + number,
            )
            print(attempt.id, flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
