"""The X-ray simulator on screen: controls, the radiograph, a line profile and the contrast.

No physics here: every number comes from ``radiograph.simulate_radiograph``. Slider events are
coalesced: a burst of changes while dragging schedules one render with the latest values, so
lag never builds up.

The window (what is drawn black and white) is the site's usual one at the current kVp and grid
until the learner moves the Window slider; then it stays put, whatever else changes, until
"Usual window" or a new site brings the usual one back.
"""

from __future__ import annotations

import asyncio
import base64
import html
import sys
from dataclasses import replace
from typing import Any

import ipywidgets as ipw
import numpy as np

from widgets.xray.conditions import CONDITIONS
from widgets.xray.phantom import SITES
from widgets.xray.radiograph import Radiograph, simulate_radiograph, to_jpeg
from widgets.xray.settings import (
    LIMITS,
    PRESETS,
    VIEWS,
    WINDOW_LIMITS,
    Settings,
    SettingsError,
    check_settings,
    typical_settings,
)

_STYLE = {"description_width": "14em"}
_WIDE = ipw.Layout(width="34em", max_width="100%")
#: The column of controls and readouts beside the picture: as wide as its widest slider, so that
#: a longer readout wraps inside it rather than widening it and shifting the controls sideways.
_COLUMN = ipw.Layout(width="35em", max_width="100%")
#: Every slider's readout keeps one width, so a value that grows ("0.20" to "-0.22 - 3.06") does
#: not shorten its track and shift the handles. A style element, as the widgets' own CSS sets no
#: readout width; it applies to simulators only, in Voila and in JupyterLab alike.
_READOUT_CSS = "<style>.tc-xray .widget-readout { min-width: 7.5em; }</style>"
_SHOWN_PX = 512  # the radiograph's size on screen, whatever its size in pixels
_WINDOW_STEP = 0.05  # log units; a page may echo the window back rounded to this step


class XRaySimulator(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """A simulated radiograph of a joint with a deposit, driven by sliders."""

    def __init__(self, **settings: Any) -> None:
        initial = typical_settings(**settings)
        self._settings = initial
        self._render_scheduled = False
        self._window_by_hand = initial.window is not None
        self._syncing_window = False
        self._shown_window: tuple[float, float] = WINDOW_LIMITS
        self._controls = self._build_controls(initial)
        self.usual_window = ipw.Button(
            description="Usual window",
            tooltip="Bring back the usual window for this site and tube voltage",
            layout=ipw.Layout(width="10em"),
        )
        # An <img> in HTML, not ipw.Image: the Image view of ipywidgets 8.1 can show no alt text.
        self.image = ipw.HTML(layout=ipw.Layout(width=f"{_SHOWN_PX}px", height=f"{_SHOWN_PX}px"))
        self.image.add_class("tc-xray-picture")
        self._jpeg = b""
        self.caption = ipw.HTML()
        self.profile = ipw.HTML()
        self.readout = ipw.HTML(layout=ipw.Layout(max_width="100%"))
        self.readout.add_class("tc-xray-readout")
        self.message = ipw.HTML()
        self.message.add_class("tc-xray-message")
        controls = ipw.VBox([*self._controls.values(), self.usual_window])
        # The picture keeps its size; the column of controls sits beside it where the page has room
        # (Voila at 1024 px) and below it where it has not (JupyterLab with its file browser open).
        picture = ipw.VBox(
            [self.image, self.caption, self.profile],
            layout=ipw.Layout(flex="0 0 auto", width=f"{_SHOWN_PX + 8}px"),
        )
        style = ipw.HTML(_READOUT_CSS, layout=ipw.Layout(display="none"))
        column = ipw.VBox([controls, self.readout, self.message, style], layout=_COLUMN)
        super().__init__([ipw.HBox([picture, column], layout=ipw.Layout(flex_flow="row wrap"))])
        self.add_class("tc-xray")
        for control in self._controls.values():
            control.observe(self._on_control_change, names="value")
        self.usual_window.on_click(self._on_usual_window_click)
        self._render(initial)

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def jpeg(self) -> bytes:
        """The radiograph on screen, as JPEG bytes."""
        return self._jpeg

    def __getattr__(self, name: str) -> Any:
        """Controls by setting name: ``sim.kvp``, ``sim.density_g_cm3``..."""
        controls = self.__dict__.get("_controls", {})
        if name in controls:
            return controls[name]
        raise AttributeError(name)

    def _build_controls(self, s: Settings) -> dict[str, ipw.Widget]:
        def slider(name: str, label: str, step: float, fmt: str) -> ipw.FloatSlider:
            low, high = LIMITS[name]
            return ipw.FloatSlider(
                value=getattr(s, name),
                min=low,
                max=high,
                step=step,
                description=label,
                readout_format=fmt,
                continuous_update=True,
                style=_STYLE,
                layout=_WIDE,
            )

        return {
            "site": ipw.Dropdown(
                options=[(k.title(), k) for k in SITES],
                value=s.site,
                description="Site",
                style=_STYLE,
            ),
            "condition": ipw.Dropdown(
                options=[(c.label, k) for k, c in CONDITIONS.items()],
                value=s.condition,
                description="Condition",
                style=_STYLE,
                layout=ipw.Layout(width="28em"),
            ),
            "size_mm": slider("size_mm", "Deposit size (mm)", 1.0, ".0f"),
            "density_g_cm3": slider("density_g_cm3", "Calcium density (g/cm³)", 0.05, ".2f"),
            "position_mm": slider("position_mm", "Position from joint (mm)", 1.0, ".0f"),
            "kvp": slider("kvp", "Tube voltage (kVp)", 1.0, ".0f"),
            "mas": ipw.FloatLogSlider(
                value=s.mas,
                base=10,
                min=-1,
                max=np.log10(LIMITS["mas"][1]),
                step=0.05,
                description="Tube current-time (mAs)",
                readout_format=".2g",
                style=_STYLE,
                layout=_WIDE,
            ),
            "view": ipw.ToggleButtons(
                options=list(VIEWS), value=s.view, description="View", style=_STYLE
            ),
            "grid": ipw.Checkbox(
                value=s.grid,
                description="Anti-scatter grid",
                indent=False,
                layout=ipw.Layout(width="auto"),
            ),
            # The value is set at the first render: the usual window comes from the physics.
            "window": ipw.FloatRangeSlider(
                value=s.window or WINDOW_LIMITS,
                min=WINDOW_LIMITS[0],
                max=WINDOW_LIMITS[1],
                step=_WINDOW_STEP,
                description="Window: black → white",
                readout_format=".2f",
                continuous_update=True,
                style=_STYLE,
                layout=_WIDE,
            ),
        }

    def _on_control_change(self, change: dict[str, Any]) -> None:
        name = next(n for n, c in self._controls.items() if c is change["owner"])
        if name == "window":
            if self._syncing_window or _same_window(change["new"], self._shown_window):
                return
            self._window_by_hand = True
        if name in PRESETS:
            self._apply_presets(name)
        if name == "site":
            self._window_by_hand = False
        self._schedule()

    def _on_usual_window_click(self, _button: ipw.Button) -> None:
        self._window_by_hand = False
        self._schedule()

    def _apply_presets(self, changed: str) -> None:
        """A new site or condition brings back its usual settings (``typical_settings``)."""
        usual = typical_settings(self._controls["condition"].value, self._controls["site"].value)
        with self.hold_trait_notifications():
            for name in PRESETS[changed]:
                self._controls[name].value = getattr(usual, name)

    def _schedule(self) -> None:
        """Render once for a burst of changes (in a kernel); at once outside a kernel."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        # A loop that is not a kernel's may never run the render: Playwright's sync API, say,
        # leaves its loop marked running in the main thread of a test session.
        if loop is None or not _in_kernel():
            self._render_from_controls()
            return
        if not self._render_scheduled:
            self._render_scheduled = True
            loop.call_soon(self._render_from_controls)

    def _render_from_controls(self) -> None:
        self._render_scheduled = False
        values = {name: control.value for name, control in self._controls.items()}
        values["window"] = tuple(values["window"]) if self._window_by_hand else None
        self.set(**values)

    def set(self, **values: Any) -> None:
        """Change settings by name; an invalid value is refused with a message, nothing changes."""
        try:
            settings = check_settings(replace(self._settings, **values))
        except (SettingsError, TypeError) as problem:
            self.message.value = f'<p style="color:#b00020">⚠ {html.escape(str(problem))}</p>'
            return
        self._render(settings)

    def _render(self, settings: Settings) -> None:
        shot = simulate_radiograph(settings)
        self._settings = settings
        self._window_by_hand = settings.window is not None
        self._show_window(shot.window)
        self.message.value = ""
        self._jpeg = to_jpeg(shot.image)
        self.image.value = _picture(self._jpeg, alt=_description(settings))
        self.caption.value = _caption(settings)
        self.profile.value = _profile_svg(shot)
        self.readout.value = _readout(shot, settings)

    def _show_window(self, window: tuple[float, float]) -> None:
        """Put the window in use on its slider without taking it for the learner's choice."""
        self._shown_window = window
        self._syncing_window = True
        try:
            self._controls["window"].value = window
        finally:
            self._syncing_window = False

    def __repr__(self) -> str:
        s = self._settings
        window = "" if s.window is None else f", window=({s.window[0]:g}, {s.window[1]:g})"
        return (
            f"XRaySimulator(site={s.site!r}, condition={s.condition!r}, size_mm={s.size_mm:g}, "
            f"density_g_cm3={s.density_g_cm3:g}, kvp={s.kvp:g}, mas={s.mas:g}, view={s.view!r}, "
            f"grid={s.grid}{window})"
        )


def _same_window(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two windows differ by no more than the slider's rounding."""
    return all(abs(x - y) <= _WINDOW_STEP / 2 + 1e-9 for x, y in zip(a, b, strict=True))


def _description(s: Settings) -> str:
    """What the radiograph shows, as plain text: its alt text and the start of its caption."""
    return (
        f"Simulated {s.view} radiograph of the {s.site}: "
        f"{CONDITIONS[s.condition].label.lower()}, {s.size_mm:g} mm, "
        f"{s.density_g_cm3:g} g/cm³ of calcium salt, at {s.kvp:g} kVp and {s.mas:.2g} mAs"
        f"{', with an anti-scatter grid' if s.grid else ''}"
        f"{'' if s.window is None else ', shown with a window set by hand'}."
    )


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (one is always loaded there; nothing is imported)."""
    kernelbase = sys.modules.get("ipykernel.kernelbase")
    return kernelbase is not None and bool(kernelbase.Kernel.initialized())


def _caption(s: Settings) -> str:
    return f"<p><em>{html.escape(_description(s))} Bright is more attenuation.</em></p>"


def _picture(jpeg: bytes, *, alt: str) -> str:
    """The radiograph as an ``<img>`` with its alt text (base64 JPEG: a third more bytes)."""
    data = base64.b64encode(jpeg).decode("ascii")
    return (
        f'<img class="tc-xray-image" src="data:image/jpeg;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{_SHOWN_PX}" height="{_SHOWN_PX}" style="display:block">'
    )


def _readout(shot: Radiograph, settings: Settings) -> str:
    """The two contrasts of the deposit's core, labelled, and what the window is."""
    low, high = shot.window
    window = (
        "set by you"
        if settings.window is not None
        else f"the usual one for the {settings.site} at {settings.kvp:g} kVp"
    )
    return (
        "<p><strong>On the film:</strong> the deposit is drawn "
        f"<span class='tc-film-contrast'>{shot.film_grey_levels:.0f} grey levels "
        f"({100 * shot.film_contrast:.1f} %)</span> brighter than the soft tissue it lies in "
        "(of 255 levels from black to white).</p>"
        "<p><strong>Physical contrast (X-ray transmission):</strong> "
        f"<span class='tc-contrast'>{100 * shot.contrast_primary:.1f} %</span> "
        "less of the beam gets through the deposit; "
        f"{100 * shot.contrast_with_scatter:.1f} % with scatter.</p>"
        "<p><small>Why the two differ: the window spreads everything from the open beam to the "
        "densest bone over the grey levels, scatter adds a haze, and the film curve keeps soft "
        "tissue dark. Narrow the window to make a faint deposit stand out. "
        f"Window: {_as_on_slider(low)} (black) to {_as_on_slider(high)} (white) in -ln of the "
        f"transmitted fraction, {window}.</small></p>"
    )


def _as_on_slider(value: float) -> str:
    """``value`` as the Window slider's label writes it: on the slider's step, counted from its
    minimum, to two decimals with a true minus sign (d3-format's ``.2f``), so the readout and the
    slider agree. The usual window itself is not rounded: it is within half a step of this."""
    low = WINDOW_LIMITS[0]
    on_step = round(low + round((value - low) / _WINDOW_STEP) * _WINDOW_STEP, 2) + 0.0
    return f"{on_step:.2f}".replace("-", "\N{MINUS SIGN}")


def _profile_svg(shot: Radiograph, width: int = 512, height: int = 110) -> str:
    """The brightness down the vertical line through the deposit, as a small line chart."""
    values = shot.profile
    xs = np.linspace(0, width, len(values))
    ys = height - 10 - values / 255 * (height - 20)
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs[::2], ys[::2], strict=False))
    return (
        f'<svg role="img" aria-label="Brightness along a vertical line through the deposit" '
        f'width="{width}" height="{height}" style="background:#fafafa;border:1px solid #ddd">'
        f'<polyline fill="none" stroke="#0072B2" stroke-width="1.5" points="{points}"/>'
        '<text x="4" y="12" font-size="11">'
        "Line profile through the deposit (top → bottom of the image)</text>"
        "</svg>"
    )
