"""Voila, with the course's handlers in place of the ones a hostile client could break."""

from __future__ import annotations

from typing import Any

from jupyter_server.base.handlers import FileFindHandler
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

#: Voila's handler -> the course's subclass that replaces it.
REPLACEMENTS: dict[type, type] = {
    VoilaKernelWebsocketHandler: CourseKernelWebsocketHandler,
    TemplateStaticFileHandler: CourseTemplateStaticFileHandler,
    MultiStaticFileHandler: CourseStaticFileHandler,
    FileFindHandler: CourseLabextensionFileHandler,
    TornadoVoilaHandler: CourseVoilaHandler,
    RequestInfoSocketHandler: CourseRequestInfoSocketHandler,
}


class CourseVoila(Voila):  # type: ignore[misc]  # voila is untyped
    """Voila serving the course; reads ``voila.json`` as Voila does."""

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        configuration = self.voila_configuration
        configuration.page_config_hook = course_page_config(configuration.page_config_hook)

    def init_settings(self) -> Any:
        # Voila applies ``Voila.tornado_settings`` to the tornado Application once it is built,
        # too late for what the Application reads as it is built: ``compress_response`` (gzip)
        # was silently ignored. Here those settings are there from the start.
        return {**super().init_settings(), **self.tornado_settings}

    def init_handlers(self) -> list[Any]:
        handlers = super().init_handlers()
        return [(route[0], REPLACEMENTS.get(route[1], route[1]), *route[2:]) for route in handlers]


main = CourseVoila.launch_instance
