"""Freed memory is handed back after a cached build, and the build's result is unchanged."""

from __future__ import annotations

import functools

import pytest

from widgets import memory


def test_a_build_under_a_cache_trims_once_per_cache_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    trims: list[int] = []
    monkeypatch.setattr(memory, "release_freed_memory", lambda: trims.append(1))

    @functools.cache
    @memory.releases_memory
    def build(n: int) -> list[int]:
        return list(range(n))

    assert build(3) == [0, 1, 2]
    assert build(3) == [0, 1, 2]
    assert len(trims) == 1


def test_a_build_that_fails_still_trims(monkeypatch: pytest.MonkeyPatch) -> None:
    trims: list[int] = []
    monkeypatch.setattr(memory, "release_freed_memory", lambda: trims.append(1))

    @memory.releases_memory
    def build() -> None:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        build()
    assert trims == [1]


def test_releasing_memory_works_or_does_nothing_on_this_system() -> None:
    memory.release_freed_memory()
