"""Where the course's folders and content files are on disk: the one home of every location.

Every other module asks here; none joins ``"assets"`` or a folder name itself, so moving a file
is one change. ``TC_COURSE_ROOT`` points the whole package at another copy of the course (tests
use it).
"""

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


def asset_path(name: str) -> Path:
    """A content file named relative to ``assets/``, as a lesson's catalogue entry names it."""
    return assets_dir() / name


def lessons_dir() -> Path:
    return course_root() / "lessons"


def lesson_notebook(stem: str) -> Path:
    """The notebook of lesson ``stem``."""
    return lessons_dir() / f"{stem}.ipynb"


def questions_dir() -> Path:
    return assets_dir() / "questions"


def bank_path(stem: str) -> Path:
    """The question bank of lesson ``stem``: it shares the lesson's stem."""
    return questions_dir() / f"{stem}.yaml"


def data_dir() -> Path:
    """Published figures as tidy tables."""
    return assets_dir() / "data"


def table_path(name: str) -> Path:
    return data_dir() / f"{name}.yaml"


def images_dir() -> Path:
    return assets_dir() / "images"


def image_path(name: str) -> Path:
    """An image named relative to ``assets/images/``, as banks and the manifest name them."""
    return images_dir() / name


def xray_dir() -> Path:
    """The X-ray physics tables (spectra, attenuation) and their provenance."""
    return assets_dir() / "xray"


def schemas_dir() -> Path:
    return assets_dir() / "schemas"


def display_path(path: Path) -> str:
    """``path`` relative to the course root when it lies inside it, for error messages."""
    try:
        return path.resolve().relative_to(course_root().resolve()).as_posix()
    except ValueError:
        return str(path)
