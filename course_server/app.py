"""Voila, with the course's handlers in place of the ones a hostile client could break, and a
class option: ``--class LESSON --students N`` preheats N kernels of one lesson for a class."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, ClassVar

from jupyter_server.base.handlers import FileFindHandler
from traitlets import Integer, Unicode
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from course_server.extensions import course_page_config
from course_server.pages import CourseVoilaHandler
from course_server.static import (
    CourseLabextensionFileHandler,
    CourseStaticFileHandler,
    CourseTemplateStaticFileHandler,
)
from course_server.websocket import CourseKernelWebsocketHandler, CourseRequestInfoSocketHandler

#: Where kernels find the instructor key (as ``widgets.classroom`` reads it; not imported, so
#: that the server does not load the widget packages).
INSTRUCTOR_KEY_VARIABLE = "TC_INSTRUCTOR_KEY"

#: Voila's handler -> the course's subclass that replaces it.
REPLACEMENTS: dict[type, type] = {
    VoilaKernelWebsocketHandler: CourseKernelWebsocketHandler,
    TemplateStaticFileHandler: CourseTemplateStaticFileHandler,
    MultiStaticFileHandler: CourseStaticFileHandler,
    FileFindHandler: CourseLabextensionFileHandler,
    TornadoVoilaHandler: CourseVoilaHandler,
    RequestInfoSocketHandler: CourseRequestInfoSocketHandler,
}


def instructor_key() -> bool:
    """Make sure kernels inherit an instructor key (``widgets.classroom``); whether one was
    generated here (none was set, or it was blank)."""
    if os.environ.get(INSTRUCTOR_KEY_VARIABLE, "").strip():
        return False
    os.environ[INSTRUCTOR_KEY_VARIABLE] = secrets.token_urlsafe(16)
    return True


class ClassOptionError(ValueError):
    """``--class`` or ``--students`` names no lesson or no sensible number."""


def class_pools(root: Path, lesson: str, students: int) -> dict[str, dict[str, int]]:
    """Voila's ``kernel_pools_config`` entry for a class of ``students`` opening ``lesson``
    (a notebook in ``root``, with or without ``.ipynb``)."""
    name = lesson if lesson.endswith(".ipynb") else f"{lesson}.ipynb"
    if "/" in name or not (root / name).is_file():
        known = ", ".join(sorted(path.stem for path in root.glob("[0-9][0-9]-*.ipynb")))
        raise ClassOptionError(f"--class: no lesson '{lesson}' in {root}; the lessons: {known}")
    if students < 1:
        raise ClassOptionError(f"--students: a class needs at least 1 student, not {students}")
    return {name: {"pool_size": students}}


class CourseVoila(Voila):  # type: ignore[misc]  # voila is untyped
    """Voila serving the course; reads ``voila.json`` as Voila does."""

    class_lesson = Unicode(
        "",
        config=True,
        help="A lesson a class opens together (e.g. 05-reading-the-radiograph): its pool holds "
        "--students preheated kernels, so each student's page is handed one at once.",
    )
    class_students = Integer(30, config=True, help="How many students --class prepares for.")
    aliases: ClassVar[dict[str, str]] = {
        **Voila.aliases,
        "class": "CourseVoila.class_lesson",
        "students": "CourseVoila.class_students",
    }

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        configuration = self.voila_configuration
        configuration.page_config_hook = course_page_config(configuration.page_config_hook)
        self._instructor_key_generated = instructor_key()

    def start(self) -> None:
        # Once, for the instructor: the presenter view of a lesson needs the key in its link.
        generated = self._instructor_key_generated
        key = os.environ[INSTRUCTOR_KEY_VARIABLE] if generated else "KEY"
        self.log.info(
            "Instructor key %s. The presenter view of a lesson (its class poll): "
            "http://%s:%s/voila/render/05-reading-the-radiograph.ipynb?learner=Instructor&present=%s",
            f"(generated for this run; set TC_INSTRUCTOR_KEY to keep one): {key}"
            if generated
            else "from TC_INSTRUCTOR_KEY",
            self.ip,
            self.port,
            key,
        )
        super().start()

    def init_settings(self) -> Any:
        if self.class_lesson:
            root = Path(self.root_dir)
            try:
                pools = class_pools(root, self.class_lesson, self.class_students)
            except ClassOptionError as error:
                self.log.critical("%s", error)
                self.exit(2)
            configured = dict(self.config.VoilaKernelManager.get("kernel_pools_config", {}))
            self.config.VoilaKernelManager.kernel_pools_config = {**configured, **pools}
            self.log.info(
                "Preparing a class: %d preheated kernels for %s",
                self.class_students,
                self.class_lesson,
            )
        # Voila applies ``Voila.tornado_settings`` to the tornado Application once it is built,
        # too late for what the Application reads as it is built: ``compress_response`` (gzip)
        # was silently ignored. Here those settings are there from the start.
        return {**super().init_settings(), **self.tornado_settings}

    def init_handlers(self) -> list[Any]:
        handlers = super().init_handlers()
        return [(route[0], REPLACEMENTS.get(route[1], route[1]), *route[2:]) for route in handlers]


main = CourseVoila.launch_instance
