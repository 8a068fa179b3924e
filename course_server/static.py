"""Static files of the page template, served without tracebacks for odd paths."""

from __future__ import annotations

from voila.static_file_handler import TemplateStaticFileHandler


class CourseTemplateStaticFileHandler(TemplateStaticFileHandler):  # type: ignore[misc]
    """Voila's template static file handler (to be hardened)."""
