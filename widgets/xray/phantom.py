"""The simulated limb: material path lengths through a joint and a calcified deposit.

Geometry: the image plane is (x along the limb, y across it, rows downwards), the beam runs
through the limb along z. Every structure is a solid of revolution or a sphere, so its path
length is an analytic chord 2*sqrt(r^2 - d^2). The result is two basis maps per pixel: soft-
tissue-equivalent path (cm) and hydroxyapatite mass (g/cm²), see ``attenuation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from widgets.memory import releases_memory
from widgets.seeds import PHANTOM_SEED
from widgets.xray.attenuation import basis_coefficients
from widgets.xray.tables import load_tables

Map = NDArray[np.float32]
TRABECULAR_HA_G_CM3 = 0.15  # spongiosa as marrow plus 0.1-0.3 g/cm³ mineral (research note 3.2)


@dataclass(frozen=True)
class Bone:
    shaft_radius_mm: float
    end_radius_mm: float
    cortex_mm: float


@dataclass(frozen=True)
class Site:
    """A joint and the limb around it; dimensions are typical adult sizes, for teaching."""

    name: str
    limb_radius_mm: float
    fat_mm: float
    left: Bone
    right: Bone
    joint_gap_mm: float
    field_mm: float
    scatter_to_primary: float  # without a grid; research note 3.5: extremity 0.2-0.5, hip 3-5
    default_kvp: float
    default_mas: float
    grid_by_default: bool  # hip films are taken with an anti-scatter grid, extremities without


SITES: dict[str, Site] = {
    "elbow": Site("elbow", 42, 5, Bone(10, 18, 2.5), Bone(9, 13, 2.0), 3, 160, 0.4, 60, 5, False),
    "shoulder": Site(
        "shoulder", 62, 9, Bone(20, 17, 2.5), Bone(13, 24, 2.5), 4, 200, 1.2, 70, 10, False
    ),
    "hip": Site("hip", 88, 16, Bone(32, 30, 3.0), Bone(14, 24, 3.0), 4, 260, 3.5, 80, 30, True),
}


@dataclass(frozen=True)
class Anatomy:
    """The limb and bones without any deposit, on an n x n grid."""

    site: Site
    size_px: int
    soft_cm: Map
    ha_g_cm2: Map
    bone_mm: Map  # path length through bone (cortex and marrow) per pixel
    skin_mm: NDArray[np.float64]  # half-thickness of the limb per row, for placing deposits

    @property
    def pixel_mm(self) -> float:
        return self.site.field_mm / self.size_px


def axes_mm(site: Site, size_px: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Pixel-centre coordinates (x per column, y per row) in mm, origin at the joint."""
    pixel = site.field_mm / size_px
    centres = ((np.arange(size_px) - size_px / 2 + 0.5) * pixel).astype(np.float64)
    return centres, centres


def chord(
    radius: NDArray[np.float64] | float, distance: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Path length through a circle of ``radius`` at ``distance`` from its centre (mm)."""
    return 2.0 * np.sqrt(np.clip(np.asarray(radius) ** 2 - distance**2, 0.0, None))


def bone_radius_profile(
    bone: Bone, x: NDArray[np.float64], *, side: int, gap_mm: float
) -> NDArray[np.float64]:
    """Outer radius of a long bone along the limb: a shaft ending in a rounded end at the joint."""
    centre = side * (gap_mm / 2 + bone.end_radius_mm)
    offset = x - centre
    end = np.sqrt(np.clip(bone.end_radius_mm**2 - offset**2, 0.0, None))
    shaft = np.where(side * offset >= 0, bone.shaft_radius_mm, 0.0)
    return np.maximum(end, shaft)


@cache
@releases_memory
def anatomy(site_name: str, size_px: int) -> Anatomy:
    """Basis maps of limb, fat, cortical and trabecular bone for a site (cached, read-only)."""
    site = SITES[site_name]
    x, y = axes_mm(site, size_px)
    tables = load_tables()
    a_fat, b_fat = basis_coefficients(tables, "adipose")
    a_bone, b_bone = basis_coefficients(tables, "cortical_bone")
    limb = chord(site.limb_radius_mm, y)[:, None] * np.ones((1, size_px))
    fat = limb - chord(site.limb_radius_mm - site.fat_mm, y)[:, None]
    outer = np.zeros((size_px, size_px))
    marrow = np.zeros((size_px, size_px))
    for bone, side in ((site.left, -1), (site.right, 1)):
        radius = bone_radius_profile(bone, x, side=side, gap_mm=site.joint_gap_mm)
        outer += chord(radius[None, :], y[:, None])
        marrow += chord(np.clip(radius - bone.cortex_mm, 0, None)[None, :], y[:, None])
    cortex = outer - marrow
    muscle = limb - fat - outer
    texture = _texture(size_px)
    soft_mm = muscle + a_fat * fat + a_bone * cortex + marrow
    ha_mm = b_fat * fat + b_bone * cortex + TRABECULAR_HA_G_CM3 * marrow * texture
    half_thickness = np.sqrt(np.clip(site.limb_radius_mm**2 - y**2, 0, None))
    return Anatomy(
        site, size_px, _frozen(soft_mm / 10), _frozen(ha_mm / 10), _frozen(outer), half_thickness
    )


def _texture(size_px: int) -> NDArray[np.float64]:
    """A smooth, mottled +-35 % texture for trabecular mineral, fixed by the seed."""
    rng = np.random.default_rng(PHANTOM_SEED)
    texture = np.ones((size_px, size_px))
    for cells, weight in ((size_px // 24, 0.6), (size_px // 8, 0.4)):
        coarse = rng.uniform(-1, 1, size=(cells + 1, cells + 1))
        at = np.linspace(0, cells, size_px)
        rows = np.stack(
            [np.interp(at, np.arange(cells + 1), column) for column in coarse.T], axis=1
        )
        smooth = np.stack([np.interp(at, np.arange(cells + 1), row) for row in rows])
        texture += 0.35 * weight * smooth
    return texture.astype(np.float64)


def detector_blur(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """The detector's small blur (sigma ~0.7 pixel) as a separable [1, 2, 1] / 4 kernel.

    Applied to the cached path-length maps rather than to every frame: for a blur this small the
    difference is negligible, and a frame then costs nothing extra.
    """
    padded = np.pad(values, 1, mode="edge")
    rows = 0.25 * padded[:-2, :] + 0.5 * padded[1:-1, :] + 0.25 * padded[2:, :]
    return 0.25 * rows[:, :-2] + 0.5 * rows[:, 1:-1] + 0.25 * rows[:, 2:]


def _frozen(values: NDArray[np.float64]) -> Map:
    out = detector_blur(values).astype(np.float32)
    out.setflags(write=False)
    return out
