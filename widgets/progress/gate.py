"""What stands before a lesson's saved parts: the learner's name, asked once, and the saving status.

``LearnerGate(build)`` shows ``build(session)`` once the learner is known. Until then it asks for a
name; every gate of the page opens when one of them gets it (they share the kernel's session).
A typed name goes into the page's address as ``?learner=NAME`` (the course template's script
reads ``.tc-learner-here``), so a reload and the lesson links keep it. Above the content, one
line says whose record this is, and another says so plainly if the progress is not being saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import urlencode

import ipywidgets as ipw

from widgets.learner import QUERY_PARAMETER
from widgets.progress.learners import MAX_NAME_CHARACTERS, LearnerNameError
from widgets.progress.session import Session, current

Build = Callable[[Session], ipw.Widget]


def learner_query(name: str) -> str:
    """The query string that names ``name`` as the learner (escaped for a URL)."""
    return urlencode({QUERY_PARAMETER: name})


def whose(session: Session) -> str:
    """The line that says whose record the page shows, and how it is kept."""
    name = html.escape(session.name or "")
    query = html.escape(learner_query(session.name or ""))
    match session.identity.source:
        case "jupyterhub":
            how = "signed in through JupyterHub"
        case "os user" | "environment":
            how = "this computer's user"
        case _:
            how = (
                "a name you gave: anyone who types it sees this record; the link of this page "
                "brings you back to it"
            )
    return (
        f'<p class="tc-learner-here" data-learner-query="{query}">Saving your answers as '
        f"<strong>{name}</strong> ({how}).</p>"
    )


class LearnerGate(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """``build(session)`` once the learner is known; before that, a name prompt."""

    def __init__(self, build: Build, *, session: Session | None = None) -> None:
        self._build = build
        self.session = session or current()
        self.content: ipw.Widget | None = None
        self.who = ipw.HTML()
        self.status = ipw.HTML()
        self.status.add_class("tc-saving")
        self.name = ipw.Text(
            placeholder="your name or student number",
            description="Your name:",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="24em"),
        )
        self.go = ipw.Button(description="Start", button_style="primary")
        self.note = ipw.HTML()
        self.go.on_click(self._on_go)
        super().__init__()
        self.add_class("tc-gate")
        self.session.on_change(self._refresh)
        self._refresh()

    def _prompt(self) -> list[ipw.Widget]:
        problem = self.session.identity.problem
        intro = (
            "<p><strong>Who is learning?</strong> Type your name or student number once, and "
            "the course keeps your answers, hints and credit for you: reload the page or come "
            "back next week, and they are here. On this server a name is like a class "
            "register: anyone who types the same name shares the record.</p>"
        )
        self.note.value = f"<p>⚠ {html.escape(problem)}</p>" if problem else ""
        return [ipw.HTML(intro), ipw.HBox([self.name, self.go]), self.note]

    def _on_go(self, _: object) -> None:
        try:
            self.session.identify_as(self.name.value)
        except LearnerNameError as problem:
            self.note.value = f'<p class="tc-invalid">⚠ {html.escape(str(problem))}</p>'

    def _refresh(self) -> None:
        status = self.session.status
        self.status.value = f'<p class="tc-not-saved">⚠ {html.escape(status)}</p>' if status else ""
        if self.session.identity.source == "pending":
            self._show(
                ipw.HTML(
                    '<p class="tc-pending"><em>Opening your saved answers… If this stays, '
                    "reload the page.</em></p>"
                )
            )
            return
        if self.session.name is None:
            if self.content is not None:  # the learner was forgotten: ask again
                self.content.close()
                self.content = None
            self._show(*self._prompt())
            return
        if self.content is None:
            self.who.value = whose(self.session)
            self.content = self._build(self.session)
        self._show(self.who, self.status, self.content)

    def _show(self, *widgets: ipw.Widget) -> None:
        self.children = widgets

    def __repr__(self) -> str:
        return "LearnerGate()"


__all__ = ["MAX_NAME_CHARACTERS", "LearnerGate", "learner_query", "whose"]
