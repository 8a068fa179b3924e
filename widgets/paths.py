"""Where the course's folders are on disk."""

from __future__ import annotations

import os
from pathlib import Path

#: Set this to run the package against another copy of the course (tests use it).
ROOT_ENV = "TC_COURSE_ROOT"


def course_root() -> Path:
    """The repository folder that holds ``lessons/`` and ``assets/``."""
    override = os.environ.get(ROOT_ENV)
    return Path(override) if override else Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return course_root() / "assets"


def lessons_dir() -> Path:
    return course_root() / "lessons"


def display_path(path: Path) -> str:
    """``path`` relative to the course root when it lies inside it, for error messages."""
    try:
        return path.resolve().relative_to(course_root().resolve()).as_posix()
    except ValueError:
        return str(path)
