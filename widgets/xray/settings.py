"""What the simulator is asked to show: the settings, their limits, and the usual ones.

Pure, and the one home of defaults: ``typical_settings`` is what the simulator starts with and
what a change of site or condition brings back (``PRESETS``), and what the ready-made films use.
Site data live in ``phantom.SITES``, condition data in ``conditions.CONDITIONS``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

from widgets.xray.conditions import CONDITIONS
from widgets.xray.phantom import SITES

VIEWS = ("frontal", "horizontal beam")
LIMITS = {  # the sliders' ranges; anything outside is refused with a message
    "size_mm": (2.0, 80.0),
    "density_g_cm3": (0.05, 1.8),
    "position_mm": (-60.0, 60.0),
    "kvp": (50.0, 100.0),
    "mas": (0.1, 50.0),
}
#: The range a window may span, in -ln(S/S0) drawn black and white: the sites' usual windows
#: lie between -1.3 and 6.5 at every kVp, with and without a grid.
WINDOW_LIMITS = (-2.0, 8.0)
#: Image sizes the simulator renders (pixels a side): scatter is blurred at 1/8 size.
IMAGE_SIZES_PX = (128, 256, 512, 1024)
#: The settings a new site or condition resets to their usual values: a site has its usual
#: exposure, a condition its usual deposit size and density.
PRESETS: dict[str, tuple[str, ...]] = {
    "site": ("kvp", "mas", "grid"),
    "condition": ("size_mm", "density_g_cm3"),
}


@dataclass(frozen=True)
class Settings:
    site: str = "elbow"
    condition: str = "tumoral_calcinosis"
    size_mm: float = 45.0
    density_g_cm3: float = 0.8
    position_mm: float = 0.0
    kvp: float = 60.0
    mas: float = 5.0
    view: str = "frontal"
    grid: bool = False
    size_px: int = 512
    #: -ln(S/S0) shown black and white; None is the site's usual window at this kVp and grid
    #: (``radiograph.usual_window``), which never depends on the deposit.
    window: tuple[float, float] | None = None


#: Every setting's name, in the order of ``Settings``.
SETTING_NAMES = tuple(field.name for field in fields(Settings))


class SettingsError(ValueError):
    """Settings the simulator cannot use; the message says which and why."""


def _check_site(site: str) -> None:
    if site not in SITES:
        raise SettingsError(f"unknown site {site!r}; choose {', '.join(SITES)}")


def _check_condition(condition: str) -> None:
    if condition not in CONDITIONS:
        raise SettingsError(f"unknown condition {condition!r}; choose {', '.join(CONDITIONS)}")


def _check_window(window: object) -> None:
    if window is None:
        return
    low, high = WINDOW_LIMITS
    if (
        not isinstance(window, tuple)
        or len(window) != 2
        or not all(isinstance(v, int | float) and math.isfinite(v) for v in window)
    ):
        raise SettingsError(f"window must be two numbers (black, white), not {window!r}")
    if not low <= window[0] < window[1] <= high:
        raise SettingsError(
            f"window must run upwards between {low:g} and {high:g}, not {window[0]:g} to "
            f"{window[1]:g}"
        )


def check_settings(settings: Settings) -> Settings:
    """``settings`` unchanged if the simulator can use them; else ``SettingsError`` says why."""
    _check_site(settings.site)
    _check_condition(settings.condition)
    if settings.view not in VIEWS:
        raise SettingsError(f"unknown view {settings.view!r}; choose {' or '.join(VIEWS)}")
    if not isinstance(settings.grid, bool):
        raise SettingsError(f"grid must be on or off (True or False), not {settings.grid!r}")
    if settings.size_px not in IMAGE_SIZES_PX:
        raise SettingsError(
            f"image size must be 128, 256, 512 or 1024 pixels, not {settings.size_px}"
        )
    _check_window(settings.window)
    for name, (low, high) in LIMITS.items():
        value = getattr(settings, name)
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise SettingsError(f"{name.replace('_', ' ')} must be a number, not {value!r}")
        if not low <= value <= high:
            raise SettingsError(
                f"{name.replace('_', ' ')} must be between {low:g} and {high:g}, not {value:g}"
            )
    return settings


def typical_settings(
    condition: str = "tumoral_calcinosis", site: str = "elbow", **changes: object
) -> Settings:
    """The condition's usual size and density and the site's usual exposure, plus ``changes``.

    Unknown setting names, sites and conditions are refused with ``SettingsError``, as are
    values the simulator cannot use.
    """
    unknown = set(changes) - set(SETTING_NAMES)
    if unknown:
        raise SettingsError(f"unknown setting(s) {sorted(unknown)}; use {sorted(SETTING_NAMES)}")
    _check_site(site)
    _check_condition(condition)
    model, place = CONDITIONS[condition], SITES[site]
    usual = Settings(
        site=site,
        condition=condition,
        size_mm=model.size_mm,
        density_g_cm3=model.density_g_cm3,
        kvp=place.default_kvp,
        mas=place.default_mas,
        grid=place.grid_by_default,
    )
    return check_settings(replace(usual, **changes))  # type: ignore[arg-type]
