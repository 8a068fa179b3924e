"""Static files of the pages: the template's (served without tracebacks for odd paths), Voila's
bundle and the JupyterLab extensions, each with the course's cache headers
(``course_server.caching``) and compressed once (``course_server.compression``)."""

from __future__ import annotations

import re
from typing import Any

from jupyter_server.base.handlers import FileFindHandler
from tornado.web import HTTPError
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler

from course_server.caching import CacheHeaders
from course_server.compression import CompressedStatic

#: A template's name, as Voila's template folders are named (lab, tc-course, reveal...).
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: Characters no template file name holds: path separators of other systems and control codes.
ODD_CHARACTERS = re.compile(r"[\\\x00-\x1f\x7f]")


def static_file_parts(path: str) -> tuple[str, str] | None:
    """``<template>/static/<file>`` (the URL path after /voila/templates/, already unquoted) as
    (template, file), or None when it is anything else: no ``static`` part, an absolute or empty
    file path, ``.`` or ``..`` segments, backslashes or control characters (NUL included)."""
    template, separator, file_path = path.partition("/static/")
    if not separator or not TEMPLATE_NAME.fullmatch(template) or ODD_CHARACTERS.search(path):
        return None
    segments = file_path.split("/")
    if any(segment in {"", ".", ".."} for segment in segments):
        return None
    return template, file_path


class CourseStatic(CacheHeaders, CompressedStatic):
    """The course's cache headers and compressed bodies, ahead of a static file handler."""


class CourseTemplateStaticFileHandler(CourseStatic, TemplateStaticFileHandler):  # type: ignore[misc]
    """Voila's template static file handler, answering 404 for every path that is not a file of
    a template's static folder. Voila's own handler meets ``..%2f``, a missing ``static`` part or
    a NUL byte with an assertion or ValueError: a 500 and a traceback in the log."""

    def parse_url_path(self, url_path: str) -> str:
        if static_file_parts(url_path) is None:
            raise HTTPError(404)
        try:
            return super().parse_url_path(url_path)
        except (AssertionError, ValueError):  # Voila's checks of the template name
            raise HTTPError(404) from None

    def validate_absolute_path(self, root: str, absolute_path: str) -> Any:
        try:
            return super().validate_absolute_path(root, absolute_path)
        except HTTPError as error:
            if error.status_code == 403:  # "not in root static directory", "not a file"
                raise HTTPError(404) from None
            raise
        except (OSError, ValueError):
            raise HTTPError(404) from None


class CourseStaticFileHandler(CourseStatic, MultiStaticFileHandler):  # type: ignore[misc]
    """Voila's bundle (``/voila/static/``): its chunks keep their names across releases, so they
    are revalidated rather than kept on Chromium's guess."""


class CourseLabextensionFileHandler(CourseStatic, FileFindHandler):
    """The JupyterLab extensions (``/voila/labextensions/``). Voila serves every one of their
    files ``no-cache``; their hashed chunks and entry points are kept for a year here."""
