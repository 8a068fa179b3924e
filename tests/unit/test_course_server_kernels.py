"""The kernel cap's arithmetic and bookkeeping, without starting a kernel."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from voila.voila_kernel_manager import voila_kernel_manager_factory

from course_server.kernels import (
    KERNEL_BUDGET_MIB,
    CourseBusyError,
    CourseKernelManager,
    default_max_kernels,
    memory_limit_mib,
)

MEMINFO_24_GIB = "MemTotal:       24683584 kB\nMemFree:        21192248 kB\n"


def test_the_default_cap_leaves_a_quarter_of_memory_and_budgets_200_mib_a_kernel() -> None:
    assert KERNEL_BUDGET_MIB == 200
    assert default_max_kernels(24_105) == 90  # this machine: (24105 - 6026) // 200
    assert default_max_kernels(8 * 1024) == 30  # (8192 - 2048) // 200


def test_small_machines_keep_at_least_2_gib_and_one_kernel() -> None:
    assert default_max_kernels(4 * 1024) == 10  # (4096 - 2048) // 200
    assert default_max_kernels(2048) == 1
    assert default_max_kernels(512) == 1


def test_memory_is_memtotal_unless_a_container_limit_is_lower() -> None:
    assert memory_limit_mib(MEMINFO_24_GIB) == pytest.approx(24_105, abs=1)
    assert memory_limit_mib(MEMINFO_24_GIB, "max\n") == pytest.approx(24_105, abs=1)
    assert memory_limit_mib(MEMINFO_24_GIB, f"{4 * 2**30}\n") == 4096
    # cgroup v1 reports "no limit" as a huge number: MemTotal wins.
    assert memory_limit_mib(MEMINFO_24_GIB, "9223372036854771712") == pytest.approx(24_105, abs=1)


def test_a_request_beyond_the_cap_is_refused_with_a_503() -> None:
    manager = CourseKernelManager(max_kernels=2)
    manager._starting.update({"a", "b"})
    with pytest.raises(CourseBusyError) as refused:
        manager.admit()
    assert refused.value.status_code == 503
    manager._starting.discard("b")
    manager.admit()


def test_voilas_pooled_manager_hands_out_through_the_course_checks() -> None:
    pooled = voila_kernel_manager_factory(CourseKernelManager, True, 1)
    hand_out = pooled.get_rendered_notebook
    assert hand_out.__code__.co_filename.endswith("course_server/kernels.py")
    assert hand_out.__wrapped__.__module__ == "voila.voila_kernel_manager"


def test_a_refused_pool_start_leaves_its_pool() -> None:
    async def scenario() -> tuple[list[object], bool]:
        manager = CourseKernelManager(max_kernels=1)

        async def refused_start() -> None:
            raise CourseBusyError

        task = asyncio.ensure_future(refused_start())
        manager._pools = {"00-start-here.ipynb": [task]}
        manager._leave_pool(task)
        await asyncio.sleep(0)
        return manager._pools["00-start-here.ipynb"], task.done()

    pool, done = asyncio.run(scenario())
    assert pool == []
    assert done


def a_kernel(*, idle_s: float, state: str = "idle") -> SimpleNamespace:
    """Stands for a kernel's manager: the two attributes the cull and the window read."""
    return SimpleNamespace(
        last_activity=datetime.now(UTC) - timedelta(seconds=idle_s), execution_state=state
    )


def test_handing_out_a_pooled_kernel_restarts_its_idle_clock() -> None:
    manager = CourseKernelManager()
    kernel = a_kernel(idle_s=600)  # ten minutes in the pool
    manager._kernels["k"] = kernel
    manager.handed_out("k")
    assert datetime.now(UTC) - kernel.last_activity < timedelta(seconds=5)


def test_kernels_whose_page_never_connected_are_freed_after_the_window() -> None:
    manager = CourseKernelManager(unopened_kernel_timeout=60)
    freed: list[str] = []

    async def shutdown_kernel(kernel_id: str, *args: object, **kwargs: object) -> None:
        freed.append(kernel_id)

    manager.shutdown_kernel = shutdown_kernel  # type: ignore[method-assign]
    long_ago = datetime.now(UTC) - timedelta(seconds=90)
    kernels = {
        "left": a_kernel(idle_s=90),
        "rendering": a_kernel(idle_s=90, state="busy"),
        "recent": a_kernel(idle_s=10),
        "opened": a_kernel(idle_s=90),
    }
    for kernel_id, kernel in kernels.items():
        manager._kernels[kernel_id] = kernel
        manager._unopened_since[kernel_id] = long_ago
    manager.notify_connect("opened")
    asyncio.run(manager._sweep())
    assert freed == ["left"]
