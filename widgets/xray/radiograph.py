"""A simulated radiograph from settings: physics, scatter, noise, window, and measurements.

Pure: numpy in, numpy and bytes out. Work that does not change while a slider moves (anatomy,
the background at a given kVp, the window, the noise field) is cached, so an update touches only
the lesion's box plus a few whole-image operations.

Two kinds of contrast are measured, both over the deposit's core and against the same pixels
with the deposit's mineral taken away (the soft tissue it lies in, swelling included):

- physical: how much less X-ray signal gets through the deposit (primary beam; with scatter);
- on the film: how many grey levels (of 255) brighter the deposit is drawn, after the window
  and the film curve, without noise. This is what the picture shows, and it depends on the
  window; the physical contrast does not.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from widgets.memory import releases_memory
from widgets.seeds import NOISE_SEED
from widgets.xray.attenuation import lookup_table
from widgets.xray.conditions import make_lesion
from widgets.xray.lesions import LesionMaps, lesion_maps
from widgets.xray.phantom import SITES, Map, anatomy
from widgets.xray.settings import Settings, check_settings

SCATTER_DOWNSAMPLE = 8
GRID_SCATTER_FACTOR = 0.15  # a grid takes hip scatter from 3-5 to 0.3-0.6 times primary (note 3.5)
WINDOW_MARGIN = 0.15  # log units of head-room above and below the limb (research note 3.6)
#: Film gamma: a teaching choice, not sourced. It keeps soft tissue a darkish grey and pushes
#: calcium and bone towards white, as a film's characteristic curve does. Its slope over soft
#: tissue is 0.6-0.8, so a faint deposit there is drawn slightly fainter than its share of the
#: window; the film contrast is measured after the curve, so the readout says what is drawn.
FILM_GAMMA = 1.7
#: The deposit's core, where the contrasts are measured: pixels holding at least this share of
#: the deposit's peak mineral along the ray. A measurement choice.
CORE_SHARE = 0.5


@dataclass(frozen=True)
class Radiograph:
    image: NDArray[np.uint8]  # display image, bright = more attenuation
    log_signal: Map  # -ln(detected / open beam), with scatter and noise
    profile: NDArray[np.float64]  # display intensity 0-255 along the line
    profile_column: int
    contrast_primary: float  # 1 - signal through the deposit's core / without its mineral
    contrast_with_scatter: float  # the same with scattered radiation added to both
    film_grey_levels: float  # how much brighter the core is drawn (of 255), no noise
    window: tuple[float, float]  # the -ln(S/S0) drawn black and white
    pixel_mm: float

    @property
    def film_contrast(self) -> float:
        """The film contrast as a share of the display range (0-1)."""
        return self.film_grey_levels / 255


@cache
@releases_memory
def _noise_field(size_px: int) -> Map:
    """A fixed field of unit quantum noise, lightly blurred as a detector blurs it."""
    field = np.random.default_rng(NOISE_SEED).standard_normal((size_px, size_px)).astype(np.float32)
    blurred = (
        field
        + 0.5
        * (
            np.roll(field, 1, 0)
            + np.roll(field, -1, 0)
            + np.roll(field, 1, 1)
            + np.roll(field, -1, 1)
        )
    ) / 3.0
    return (blurred / blurred.std()).astype(np.float32)


@lru_cache(maxsize=128)  # a whole sweep of the size slider stays cached
@releases_memory
def _lesion_maps(settings: Settings) -> LesionMaps:
    """The lesion at unit density; cached on its geometry only (see ``_geometry_key``)."""
    body = anatomy(settings.site, settings.size_px)
    lesion = make_lesion(
        settings.condition,
        body,
        size_mm=settings.size_mm,
        density_g_cm3=1.0,
        position_mm=settings.position_mm,
    )
    return lesion_maps(body, lesion, horizontal_beam=settings.view == "horizontal beam")


def _geometry_key(settings: Settings) -> Settings:
    """Settings without density, exposure and window: the lesion's shape depends on none."""
    return replace(settings, density_g_cm3=1.0, kvp=60.0, mas=5.0, grid=False, window=None)


@cache
def _blur_matrix(size: int, sigma: float = 3.0) -> NDArray[np.float32]:
    """Row-normalised Gaussian blur as a matrix: blurring a small image is two products."""
    offsets = np.arange(size)[:, None] - np.arange(size)[None, :]
    weights = np.exp(-0.5 * (offsets / sigma) ** 2)
    return (weights / weights.sum(axis=1, keepdims=True)).astype(np.float32)


def _scatter(primary: Map, ratio: float) -> Map:
    """Scatter is smooth: blur a 1/8-size copy of the primary and spread it back (note 3.5)."""
    n = primary.shape[0] // SCATTER_DOWNSAMPLE
    small = primary.reshape(n, SCATTER_DOWNSAMPLE, n, SCATTER_DOWNSAMPLE).mean(axis=(1, 3))
    blur = _blur_matrix(n)
    smooth = blur @ small @ blur.T
    spread = np.repeat(np.repeat(smooth, SCATTER_DOWNSAMPLE, 0), SCATTER_DOWNSAMPLE, 1)
    return (ratio * spread).astype(np.float32)


@dataclass(frozen=True)
class _Background:
    """Everything about the anatomy alone at one kVp that a frame reuses.

    Scatter comes from the whole limb and changes little when a deposit changes, so it is
    taken from the anatomy alone; that is what gives "contrast / (1 + SPR)" (note 3.5). Only
    what a frame reads is kept: each map is a megabyte at 512 px, in every cached background.
    """

    scatter: Map  # scattered signal, relative to the open beam
    shown: Map  # -ln(primary + scatter): the noise-free display signal
    noise_per_root_mas: Map  # relative quantum noise at 1 mAs, times the fixed noise field
    window: tuple[float, float]


@lru_cache(maxsize=64)
@releases_memory
def _background_at(site: str, size_px: int, kvp: float, grid: bool) -> _Background:
    body = anatomy(site, size_px)
    log_p, log_q = lookup_table(kvp).lookup(body.soft_cm, body.ha_g_cm2)
    primary = np.exp(-log_p)
    ratio = SITES[site].scatter_to_primary * (GRID_SCATTER_FACTOR if grid else 1.0)
    scatter = _scatter(primary, ratio)
    shown = -np.log(primary + scatter)
    sigma = np.exp(-0.5 * log_q) / np.float32(body.pixel_mm / 10)  # 1/sqrt(quanta per pixel·mAs)
    inside = shown[body.soft_cm > 0.5]
    window = (
        float(np.percentile(inside, 0.5) - WINDOW_MARGIN),
        float(np.percentile(inside, 99.8) + WINDOW_MARGIN),
    )
    return _Background(scatter, shown, sigma * _noise_field(size_px), window)


def usual_window(site: str, size_px: int, kvp: float, grid: bool) -> tuple[float, float]:
    """The window a site gets at ``kvp``: from its anatomy only, never from the deposit."""
    return _background_at(site, size_px, float(kvp), grid).window


@lru_cache(maxsize=128)
@releases_memory
def _without_mineral(settings: Settings) -> tuple[Map, NDArray[np.bool_], int]:
    """In the lesion's box: primary -ln(S/S0) with the mineral taken away, the core's mask,
    and the column (in the box) of the most mineral along a ray.

    ``settings`` is a geometry key with the kVp (``_geometry_key`` plus ``kvp``).
    """
    body = anatomy(settings.site, settings.size_px)
    maps = _lesion_maps(_geometry_key(settings))
    log_p, _ = lookup_table(settings.kvp).lookup(*maps.basis(body, 0.0))
    mineral = maps.mineral_g_cm2
    core = mineral >= CORE_SHARE * mineral.max()
    column = int(np.unravel_index(int(np.argmax(mineral)), mineral.shape)[1])
    return log_p, core, column


@cache
def _film_curve(gamma: float = FILM_GAMMA) -> NDArray[np.uint8]:
    """Display curve: soft tissue darkish grey, calcium and bone near white, as on a film."""
    return (255 * (np.arange(256) / 255) ** gamma).round().astype(np.uint8)


def _display(log_signal: Map, window: tuple[float, float]) -> NDArray[np.uint8]:
    """Window ``log_signal`` to 8 bits and apply the film curve: high attenuation is white."""
    low, high = window
    scaled = np.clip((log_signal - low) * np.float32(255 / (high - low)), 0, 255)
    return _film_curve()[scaled.astype(np.uint8)]


def simulate_radiograph(settings: Settings) -> Radiograph:
    """Render ``settings`` (checked first; ``SettingsError`` says what is wrong)."""
    check_settings(settings)
    body = anatomy(settings.site, settings.size_px)
    kvp = float(settings.kvp)
    background = _background_at(settings.site, settings.size_px, kvp, settings.grid)
    window = settings.window or background.window
    per_root_mas = np.float32(1 / math.sqrt(settings.mas))
    # Outside the lesion: -ln(T (1 + x)) ~ -ln T - x for relative noise x of a few per cent.
    shown = background.shown - per_root_mas * background.noise_per_root_mas
    maps = _lesion_maps(_geometry_key(settings))
    box = maps.box
    log_p_box, log_q_box = lookup_table(kvp).lookup(*maps.basis(body, settings.density_g_cm3))
    total_box = np.exp(-log_p_box) + background.scatter[box]
    noise_box = (
        np.exp(-0.5 * log_q_box)
        / np.float32(body.pixel_mm / 10)
        * _noise_field(settings.size_px)[box]
    )
    shown[box] = -np.log(total_box) - per_root_mas * noise_box
    image = _display(shown, window)
    bare_log_p, core, peak_column = _without_mineral(replace(_geometry_key(settings), kvp=kvp))
    column = box[1].start + peak_column
    primary, with_scatter, grey = _contrasts(
        np.exp(-log_p_box[core]), np.exp(-bare_log_p[core]), background.scatter[box][core], window
    )
    return Radiograph(
        image=image,
        log_signal=shown,
        profile=image[:, column].astype(np.float64),
        profile_column=column,
        contrast_primary=primary,
        contrast_with_scatter=with_scatter,
        film_grey_levels=grey,
        window=(float(window[0]), float(window[1])),
        pixel_mm=body.pixel_mm,
    )


def _contrasts(
    deposit: Map, bare: Map, scatter: Map, window: tuple[float, float]
) -> tuple[float, float, float]:
    """Primary and with-scatter contrast, and grey levels added on the film, over the core.

    ``deposit`` and ``bare`` are the primary signals (S/S0) with and without the mineral.
    """
    primary = 1 - float(deposit.sum() / bare.sum())
    with_scatter = 1 - float((deposit + scatter).sum() / (bare + scatter).sum())
    grey_deposit = _display(-np.log(deposit + scatter), window).astype(np.float64).mean()
    grey_bare = _display(-np.log(bare + scatter), window).astype(np.float64).mean()
    return primary, with_scatter, float(grey_deposit - grey_bare)


def to_jpeg(image: NDArray[np.uint8], *, quality: int = 90) -> bytes:
    """Encode for the page: JPEG is ~1 ms at 512², PNG at default level 20-50 ms (note 6.2)."""
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()
