"""Memory that large temporary arrays leave behind, handed back to the system.

glibc's ``malloc`` serves the first large blocks straight from the system and returns them when
they are freed, but then raises that threshold to the size of the block freed, so that later
arrays of that size come from its heap and stay there, freed but resident. Building the X-ray
simulator's anatomy and backgrounds frees tens of such arrays: without ``malloc_trim`` a lesson
kernel keeps about 20 MiB it no longer uses. Trimming takes 1-3 ms, so it follows the builds of
cached data only, never every frame (a frame's own arrays are reused by the next frame).

On a C library without ``malloc_trim`` (musl, macOS) nothing is done.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:  # no C library to load symbols from
        return None


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (a no-op where it cannot)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def releases_memory(build: Callable[P, T]) -> Callable[P, T]:
    """``build``, then ``release_freed_memory()`` once its temporaries are gone.

    Put it under ``functools.cache`` (``@cache`` above ``@releases_memory``), so that only a
    build that fills the cache trims.
    """

    @functools.wraps(build)
    def building(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return build(*args, **kwargs)
        finally:
            release_freed_memory()

    return building
