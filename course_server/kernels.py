"""The course's kernel manager: a cap on live kernels, and no kernel kept for a page nobody opened.

voila.json names ``CourseKernelManager`` as ``VoilaConfiguration.multi_kernel_manager_class``;
Voila subclasses it for its pool of preheated kernels (``voila_kernel_manager_factory``). It adds
to jupyter_server's manager:

- a cap: at most ``max_kernels`` kernels alive or starting, pool included. A page request beyond
  it gets the course's busy page (HTTP 503, ``course_server.pages``) instead of a kernel; a
  pool refill refused at the cap is tried again when a kernel is freed (Voila #617 asks for
  such a cap);
- a kernel whose page never opened its websocket (a client that fetched the HTML and left) is
  freed after ``unopened_kernel_timeout`` seconds instead of the 15-minute cull. Both that clock
  and the cull's idle clock of a pooled kernel start when it is handed out, not when it entered
  the pool;
- a check at hand-out: a pooled kernel that died, was restarted or failed to render is shut down
  and replaced, so no visitor waits on a page that never finishes;
- paced pool starts (``PoolPacer``): at most ``pool_start_concurrency`` pooled kernels start and
  render their lesson at once, and a refill waits until no page has been handed out for
  ``refill_quiet_s`` seconds, so that a class arriving together is not slowed by the refills its
  own arrival caused (a start someone is waiting for goes at once);
- a readiness report while the pools first fill: "Preparing lessons: 7/11 ready", then "The
  course is ready".
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
import os
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from tornado.web import HTTPError
from traitlets import Float, Integer, default

#: Memory to budget per kernel. bench/kernel_memory.py measured 51 MiB for a bare kernel and
#: 78-121 MiB once a lesson has rendered (X-ray lessons largest); a kernel grows while a student
#: works the simulator and charts, so each gets about 1.6 times the largest measured.
KERNEL_BUDGET_MIB = 200
#: Memory kept back for the server process, the OS and its page cache: a quarter of the machine,
#: at least 2 GiB.
RESERVE_FRACTION = 0.25
RESERVE_MIN_MIB = 2048
#: Voila's flag in a kernel's environment: "True" for a kernel started for the pool.
PREHEAT_ENV = "VOILA_PREHEAT"
#: How often a full cap is reported in the log, in seconds.
FULL_WARNING_INTERVAL_S = 60.0

PoolTask = asyncio.Task[dict[str, Any]]


class PoolPacer:
    """When the kernels of Voila's pools may start: a few at a time, refills once arrivals pause.

    A pool start waits for its turn (``turn``): first until no page has been handed out for
    ``quiet_s`` seconds, then for one of ``concurrency`` slots, held until its lesson has rendered
    (``release``). A start a visitor is waiting for is hurried (``hurry``): it goes at once and
    takes no slot.
    """

    def __init__(self, concurrency: int, quiet_s: float) -> None:
        self.quiet_s = quiet_s
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._last_hand_out = -math.inf
        self._hurried: dict[asyncio.Task[Any], asyncio.Event] = {}

    def handed_out(self) -> None:
        self._last_hand_out = time.monotonic()

    def hurry(self, task: asyncio.Task[Any]) -> None:
        """Let ``task``'s start go now, if it is waiting for its turn."""
        event = self._hurried.get(task)
        if event is not None:
            event.set()

    async def turn(self) -> bool:
        """Wait for the current task's turn; True if it took a slot (``release`` it later)."""
        task = asyncio.current_task()
        assert task is not None
        hurried = self._hurried.setdefault(task, asyncio.Event())
        try:
            while not hurried.is_set():
                pause = self._last_hand_out + self.quiet_s - time.monotonic()
                if pause <= 0:
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(hurried.wait(), pause)
            if hurried.is_set():
                return False
            slot = asyncio.ensure_future(self._slots.acquire())
            hurry = asyncio.ensure_future(hurried.wait())
            await asyncio.wait({slot, hurry}, return_when=asyncio.FIRST_COMPLETED)
            hurry.cancel()
            if slot.done() and not slot.cancelled():
                return True
            slot.cancel()
            return False
        finally:
            self._hurried.pop(task, None)

    def release(self) -> None:
        self._slots.release()


def default_max_kernels(memory_mib: float) -> int:
    """The kernel cap for a machine with ``memory_mib`` MiB: what is left after the reserve,
    divided by the per-kernel budget; at least 1."""
    reserve_mib = max(RESERVE_MIN_MIB, RESERVE_FRACTION * memory_mib)
    return max(1, int((memory_mib - reserve_mib) // KERNEL_BUDGET_MIB))


def memory_limit_mib(meminfo: str, cgroup_limit: str | None = None) -> float:
    """The memory this server may use, in MiB: ``MemTotal`` from /proc/meminfo, or a container's
    cgroup limit (bytes, or "max" for none) when that is lower."""
    total_kib = next(
        int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")
    )
    total_mib = total_kib / 1024
    limit = (cgroup_limit or "").strip()
    if limit.isdigit():
        return min(total_mib, int(limit) / 2**20)
    return total_mib


def machine_memory_mib() -> float:
    """This machine's (or container's) memory in MiB, read from /proc and the cgroup files."""
    cgroup_files = (
        Path("/sys/fs/cgroup/memory.max"),  # cgroup v2
        Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),  # cgroup v1
    )
    limit = next((path.read_text() for path in cgroup_files if path.is_file()), None)
    return memory_limit_mib(Path("/proc/meminfo").read_text(), limit)


class CourseBusyError(HTTPError):
    """No room for another kernel; the page handler answers 503 with the course's busy page."""

    def __init__(self) -> None:
        super().__init__(503, reason="The course is busy")


def _now() -> datetime:
    return datetime.now(UTC)  # the clock jupyter_server's last_activity uses


def _failed(task: asyncio.Task[Any]) -> bool:
    """Whether a task ended by an exception or a cancellation."""
    return task.done() and (task.cancelled() or task.exception() is not None)


def _retrieve_exception(task: asyncio.Task[Any]) -> None:
    """Mark a failed task's exception as seen, so asyncio logs no traceback for it."""
    if not task.cancelled():
        task.exception()


class CourseKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager with a cap, a short life for unopened pages and checked
    hand-outs of pooled kernels."""

    max_kernels = Integer(
        config=True,
        help="Most kernels alive or starting at once, pool included. Default: the machine's "
        "memory less a reserve (a quarter, at least 2 GiB), divided by 200 MiB per kernel.",
    )
    unopened_kernel_timeout = Float(
        110.0,
        config=True,
        help="Seconds after which a kernel whose page never opened its websocket is shut down "
        "(counted from hand-out or start, and from its last activity). Checked at least every "
        "10 s, so the default frees such a kernel within 2 minutes.",
    )

    pool_start_concurrency = Integer(
        config=True,
        help="Most pooled kernels starting and rendering their lesson at once. Default: the "
        "number of CPUs.",
    )
    refill_quiet_s = Float(
        10.0,
        config=True,
        help="Seconds without a page handed out before pools are refilled, so that refills do "
        "not slow a class that is still arriving. A start a visitor waits for goes at once.",
    )

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        return default_max_kernels(machine_memory_mib())

    @default("pool_start_concurrency")
    def _default_pool_start_concurrency(self) -> int:
        return os.cpu_count() or 1

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]  # jupyter_server's is untyped
        self._starting: set[str] = set()
        self._restarted: set[str] = set()
        self._unopened_since: dict[str, datetime] = {}
        self._stopping = False
        self._sweeper: PeriodicCallback | None = None
        self._last_full_warning = -FULL_WARNING_INTERVAL_S
        self.pacer = PoolPacer(self.pool_start_concurrency, self.refill_quiet_s)
        self._started_at = time.monotonic()
        self._rendered: set[str] = set()  # pooled kernels whose lesson has rendered
        self._lessons_ready = -1  # the most lessons reported ready so far
        self._course_ready = False
        self.log.info(
            "At most %d kernels at once; a kernel whose page never connects is freed after %d s",
            self.max_kernels,
            self.unopened_kernel_timeout,
        )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Voila's pooled manager subclasses this class and defines its hand-out there, above
        ours in the method order; wrap that hand-out with the course's checks."""
        super().__init_subclass__(**kwargs)
        hand_out = cls.__dict__.get("get_rendered_notebook")
        if hand_out is not None:
            cls.get_rendered_notebook = _checked_hand_out(hand_out)  # type: ignore[attr-defined]
        pool_start = cls.__dict__.get("_initialize")
        if pool_start is not None:
            cls._initialize = _paced_pool_start(pool_start)  # type: ignore[attr-defined]

    # --- the cap ---------------------------------------------------------------------------

    def live_kernel_count(self) -> int:
        """Kernels alive or starting, pooled or not."""
        return len(set(self._kernels) | set(self._pending_kernels) | self._starting)

    def admit(self) -> None:
        """Raise ``CourseBusyError`` unless one more kernel fits under the cap."""
        if self._stopping:
            raise CourseBusyError
        if self.live_kernel_count() < self.max_kernels:
            return
        if time.monotonic() - self._last_full_warning > FULL_WARNING_INTERVAL_S:
            self._last_full_warning = time.monotonic()
            self.log.warning(
                "The course is at its cap of %d kernels: new pages get the busy page (503) "
                "until kernels are freed",
                self.max_kernels,
            )
        raise CourseBusyError

    # jupyter_client types the manager's methods as synchronous; jupyter_server's are coroutines.
    async def start_kernel(  # type: ignore[override]
        self, *, kernel_id: str | None = None, **kwargs: Any
    ) -> str:
        if kernel_id is not None and kernel_id in self:
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        pooled = (kwargs.get("env") or {}).get(PREHEAT_ENV) == "True"
        try:
            self.admit()
            kernel_id = kernel_id or self.new_kernel_id()
            self._starting.add(kernel_id)
            try:
                kernel_id = await super().start_kernel(kernel_id=kernel_id, **kwargs)
            finally:
                self._starting.discard(kernel_id)
        except Exception as error:
            if pooled:
                if not self._stopping:
                    self.log.info("A pool refill did not start (%s); retried later", error)
                self._leave_pool(asyncio.current_task())
            raise
        assert kernel_id is not None
        if pooled:
            self._watch_restarts(kernel_id)
        else:
            self._unopened_since[kernel_id] = _now()
        self._start_sweeper()
        return kernel_id

    def _watch_restarts(self, kernel_id: str) -> None:
        """Remember a pooled kernel the restarter revived: it lost the lesson it had run."""
        self.add_restart_callback(kernel_id, lambda: self._restarted.add(kernel_id), "restart")

    def _leave_pool(self, task: asyncio.Task[Any] | None) -> None:
        """Take a pool start that failed out of its pool (a refill refused at the cap), so that
        no visitor is handed it; it is started again when a kernel is freed."""
        if task is None:
            return
        for pool in self._course_pools().values():
            if task in pool:
                pool.remove(task)
        task.add_done_callback(_retrieve_exception)

    def _course_pools(self) -> dict[str, list[PoolTask]]:
        """Voila's pools (notebook -> tasks starting or holding a preheated kernel), if any."""
        pools: dict[str, list[PoolTask]] = getattr(self, "_pools", {})
        return pools

    # --- hand-out --------------------------------------------------------------------------

    async def prepare_hand_out(self, notebook_name: str) -> None:
        """Before Voila takes the first kernel of ``notebook_name``'s pool: replace dead ones,
        and refill an emptied pool now (or raise ``CourseBusyError`` at the cap)."""
        pool = self._course_pools().get(notebook_name, [])
        for task in list(pool):
            reason = await self._unusable(task)
            if reason is not None and task in pool:
                pool.remove(task)
                await self._discard(task, notebook_name, reason)
        if not pool:  # nothing awaited from here to Voila's pop: no other request can cut in
            self.admit()
            self._fill_pool(notebook_name, delay=0)
            pool = self._course_pools().get(notebook_name, [])
        if pool and not pool[0].done():
            self.pacer.hurry(pool[0])  # the visitor will wait for this start: no pacing

    async def _unusable(self, task: PoolTask) -> str | None:
        """Why a pool entry must not be handed out, or None. A start still running is usable:
        the visitor waits for it, as Voila intends."""
        if not task.done():
            return None
        if _failed(task):
            return "its start failed"
        render: asyncio.Task[Any] = task.result()["task"]
        if _failed(render):
            return "its lesson failed to render"
        return await self.unusable_kernel(task.result()["kernel_id"])

    async def unusable_kernel(self, kernel_id: str) -> str | None:
        """Why a started pooled kernel must not be handed out (gone, restarted by the restarter
        after a crash and so without its lesson, or dead), or None."""
        if kernel_id not in self._kernels:
            return "it is gone"
        if kernel_id in self._restarted:
            return "it was restarted and lost the lesson"
        if not await ensure_async(self._kernels[kernel_id].is_alive()):
            return "it is dead"
        return None

    async def _discard(self, task: PoolTask, notebook_name: str, reason: str) -> None:
        """Drop an unusable pool entry, shutting down its kernel if it has one."""
        if _failed(task):
            self.log.warning("A pooled kernel for %s is not handed out: %s", notebook_name, reason)
            return
        await self.discard_kernel(
            task.result()["kernel_id"], task.result()["task"], notebook_name, reason
        )

    async def discard_kernel(
        self, kernel_id: str, render: asyncio.Task[Any], notebook_name: str, reason: str
    ) -> None:
        """Shut down a pooled kernel that must not be handed out, and its rendering."""
        render.cancel()
        render.add_done_callback(_retrieve_exception)
        self.log.warning(
            "Pooled kernel %s for %s is not handed out: %s", kernel_id, notebook_name, reason
        )
        if kernel_id in self:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception as error:  # a dead kernel may fail to shut down cleanly
                self.log.warning("Shutting down kernel %s: %s", kernel_id, error)
        self._forget(kernel_id)

    def handed_out(self, kernel_id: str) -> None:
        """Start a handed-out kernel's clocks now: idle (for the cull) and unopened page."""
        self.pacer.handed_out()
        now = _now()
        kernel = self._kernels.get(kernel_id)
        if kernel is not None:
            kernel.last_activity = now
        self._unopened_since[kernel_id] = now

    # --- readiness ---------------------------------------------------------------------------

    def pool_rendered(self, kernel_id: str) -> None:
        """A pooled kernel has rendered its lesson: report readiness while the pools first fill."""
        self._rendered.add(kernel_id)
        if self._course_ready:
            return
        pools = self._course_pools()
        ready = sum(1 for pool in pools.values() if pool and all(map(self._rendered_task, pool)))
        if ready > self._lessons_ready:
            self._lessons_ready = ready
            self.log.info("Preparing lessons: %d/%d ready", ready, len(pools))
        if ready == len(pools):
            self._course_ready = True
            kernels = sum(len(pool) for pool in pools.values())
            self.log.info(
                "The course is ready: %d lessons, %d kernels waiting for students (%.0f s)",
                len(pools),
                kernels,
                time.monotonic() - self._started_at,
            )

    def _rendered_task(self, task: PoolTask) -> bool:
        return task.done() and not _failed(task) and task.result()["kernel_id"] in self._rendered

    # --- pages that never connect ----------------------------------------------------------

    def notify_connect(self, kernel_id: str) -> None:
        self._unopened_since.pop(kernel_id, None)
        super().notify_connect(kernel_id)  # type: ignore[no-untyped-call]  # untyped upstream

    def _start_sweeper(self) -> None:
        if self._sweeper is None:
            interval_s = max(1.0, min(10.0, self.unopened_kernel_timeout / 4))
            self._sweeper = PeriodicCallback(self._sweep, 1000 * interval_s)
            self._sweeper.start()

    async def _sweep(self) -> None:
        """Free kernels whose page never connected within the window; tidy the pools."""
        self._drop_failed_pool_starts()
        now = _now()
        for kernel_id, since in list(self._unopened_since.items()):
            kernel = self._kernels.get(kernel_id)
            if kernel is None:
                self._forget(kernel_id)
                continue
            if getattr(kernel, "execution_state", None) == "busy":
                continue  # still rendering its page
            last = max(since, getattr(kernel, "last_activity", None) or since)
            if (now - last).total_seconds() > self.unopened_kernel_timeout:
                self.log.info(
                    "Freeing kernel %s: no page connected to it within %d s",
                    kernel_id,
                    self.unopened_kernel_timeout,
                )
                await self._shutdown_quietly(kernel_id)
        self._restarted &= set(self._kernels)

    async def _shutdown_quietly(self, kernel_id: str) -> None:
        try:
            await self.shutdown_kernel(kernel_id)
        except Exception as error:  # already gone, or dying on its own
            self.log.warning("Shutting down kernel %s: %s", kernel_id, error)
            self._forget(kernel_id)

    def _drop_failed_pool_starts(self) -> None:
        for pool in self._course_pools().values():
            for task in [task for task in pool if _failed(task)]:
                pool.remove(task)

    def _forget(self, kernel_id: str) -> None:
        self._unopened_since.pop(kernel_id, None)
        self._restarted.discard(kernel_id)

    # --- freeing and stopping --------------------------------------------------------------

    async def shutdown_kernel(  # type: ignore[override]  # a coroutine, as start_kernel
        self, kernel_id: str, *args: Any, **kwargs: Any
    ) -> None:
        try:
            await super().shutdown_kernel(kernel_id, *args, **kwargs)  # type: ignore[no-untyped-call]
        finally:
            self._forget(kernel_id)
        self._refill_pools()

    def _refill_pools(self) -> None:
        """A kernel was freed: top up pools that a refill refused at the cap left short."""
        if self._stopping:
            return
        self._drop_failed_pool_starts()
        for notebook_name in list(self._course_pools()):
            self._fill_pool(notebook_name)

    def _fill_pool(self, notebook_name: str, delay: float | None = None) -> None:
        """Voila's refill of one pool (its pooled subclass defines it; without a pool, none)."""
        fill: Callable[..., None] | None = getattr(self, "fill_if_needed", None)
        if fill is not None:
            fill(delay=delay, notebook_name=notebook_name)

    async def shutdown_all(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self._stopping = True
        if self._sweeper is not None:
            self._sweeper.stop()
        await super().shutdown_all(*args, **kwargs)


PoolStart = Callable[..., Awaitable[dict[str, Any]]]


def _paced_pool_start(voila_pool_start: PoolStart) -> PoolStart:
    """Voila's start of one pooled kernel (``_initialize``: start it, then render its lesson in a
    task of its own), waiting for its turn first and holding the pacer's slot until the lesson
    has rendered."""

    @functools.wraps(voila_pool_start)
    async def _initialize(self: CourseKernelManager, *args: Any, **kwargs: Any) -> dict[str, Any]:
        took_slot = await self.pacer.turn()
        try:
            started = await voila_pool_start(self, *args, **kwargs)
        except BaseException:
            if took_slot:
                self.pacer.release()
            raise
        render: asyncio.Task[Any] = started["task"]
        kernel_id: str = started["kernel_id"]

        def rendered(_: asyncio.Task[Any]) -> None:
            if took_slot:
                self.pacer.release()
            self.pool_rendered(kernel_id)

        render.add_done_callback(rendered)
        return started

    return _initialize


HandOut = Callable[..., Awaitable[tuple[asyncio.Task[Any], list[str], str]]]
#: Pooled kernels tried for one page before it gets an error page instead.
HAND_OUT_ATTEMPTS = 3


def _checked_hand_out(voila_hand_out: HandOut) -> HandOut:
    """Voila's ``get_rendered_notebook`` with the course's checks before and after, and its
    clocks started at hand-out."""

    @functools.wraps(voila_hand_out)
    async def get_rendered_notebook(
        self: CourseKernelManager, notebook_name: str, *args: Any, **kwargs: Any
    ) -> tuple[asyncio.Task[Any], list[str], str]:
        for _ in range(HAND_OUT_ATTEMPTS):
            await self.prepare_hand_out(notebook_name)
            render, rendered_cache, kernel_id = await voila_hand_out(
                self, notebook_name, *args, **kwargs
            )
            # Voila told the rendering to stop after its running cell; its handler awaits that
            # next, once the page's head is sent. Await it first: a kernel that died while
            # rendering is replaced here, while the visitor can still get a whole page. (So no
            # lesson cell may wait for the page's request, which the kernel is sent only after
            # this: widgets.learner.when_known waits for the learner's name in a thread.)
            await asyncio.wait([render])
            reason = "its lesson failed to render" if _failed(render) else None
            reason = reason or await self.unusable_kernel(kernel_id)
            if reason is None:
                self.handed_out(kernel_id)
                return render, rendered_cache, kernel_id
            await self.discard_kernel(kernel_id, render, notebook_name, reason)
        raise HTTPError(500, reason="The lesson could not start")

    return get_rendered_notebook
