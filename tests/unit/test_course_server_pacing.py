"""Paced pool starts and the class option, without starting a kernel or a server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from course_server.app import ClassOptionError, class_pools
from course_server.kernels import PoolPacer
from tests.conftest import LESSONS


async def _starts(pacer: PoolPacer, count: int, hold_s: float) -> tuple[list[float], int]:
    """Start ``count`` pool starts at once, each holding its slot ``hold_s``: when each got its
    turn (seconds after the start) and the most that held a slot together."""
    began = time.monotonic()
    holding = 0
    most = 0
    turns: list[float] = []

    async def start() -> None:
        nonlocal holding, most
        took = await pacer.turn()
        turns.append(time.monotonic() - began)
        if took:
            holding += 1
            most = max(most, holding)
            await asyncio.sleep(hold_s)
            holding -= 1
            pacer.release()

    await asyncio.gather(*(start() for _ in range(count)))
    return turns, most


def test_no_more_starts_than_the_concurrency_hold_a_slot_at_once() -> None:
    turns, most = asyncio.run(_starts(PoolPacer(concurrency=2, quiet_s=5), count=6, hold_s=0.05))
    assert most == 2
    assert max(turns) == pytest.approx(0.1, abs=0.05)  # three rounds of two


def test_a_refill_waits_until_no_page_has_been_handed_out_for_the_quiet_time() -> None:
    async def run() -> list[float]:
        pacer = PoolPacer(concurrency=4, quiet_s=0.3)
        pacer.handed_out()
        await asyncio.sleep(0.1)
        pacer.handed_out()  # a class still arriving: the pause starts again
        turns, _ = await _starts(pacer, count=2, hold_s=0)
        return turns

    assert min(asyncio.run(run())) == pytest.approx(0.3, abs=0.08)


def test_a_start_a_visitor_waits_for_goes_at_once_without_a_slot() -> None:
    async def run() -> tuple[float, bool]:
        pacer = PoolPacer(concurrency=1, quiet_s=30)
        pacer.handed_out()
        began = time.monotonic()
        task = asyncio.create_task(pacer.turn())
        await asyncio.sleep(0.05)
        pacer.hurry(task)
        took = await task
        return time.monotonic() - began, took

    waited, took_slot = asyncio.run(run())
    assert waited < 1  # not the 30 s pause
    assert took_slot is False


def test_a_hurried_start_does_not_wait_for_a_busy_slot() -> None:
    async def run() -> bool:
        pacer = PoolPacer(concurrency=1, quiet_s=0)
        assert await pacer.turn()  # the only slot, held
        task = asyncio.create_task(pacer.turn())
        await asyncio.sleep(0.05)
        assert not task.done()
        pacer.hurry(task)
        return await asyncio.wait_for(task, 1)

    assert asyncio.run(run()) is False


def test_a_class_fills_its_lessons_pool_with_one_kernel_per_student() -> None:
    assert class_pools(LESSONS, "05-reading-the-radiograph", 30) == {
        "05-reading-the-radiograph.ipynb": {"pool_size": 30}
    }
    assert class_pools(LESSONS, "02-who-gets-it.ipynb", 4) == {
        "02-who-gets-it.ipynb": {"pool_size": 4}
    }


@pytest.mark.parametrize(
    ("lesson", "students", "says"),
    [
        ("05-radiograph", 30, "no lesson '05-radiograph'"),
        ("../pyproject", 30, "no lesson '../pyproject'"),
        ("05-reading-the-radiograph", 0, "at least 1 student, not 0"),
    ],
)
def test_a_wrong_class_option_is_refused_naming_what_is_wrong(
    lesson: str, students: int, says: str
) -> None:
    with pytest.raises(ClassOptionError, match=says) as refused:
        class_pools(LESSONS, lesson, students)
    if "lesson" in says:
        assert "00-start-here" in str(refused.value)  # and it lists the lessons there are


def test_lessons_is_where_the_server_looks(tmp_path: Path) -> None:
    with pytest.raises(ClassOptionError, match=str(tmp_path)):
        class_pools(tmp_path, "05-reading-the-radiograph", 30)
