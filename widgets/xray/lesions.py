"""Deposits and their mimics, as lobules placed around the joint of an ``Anatomy``.

Tumoral calcinosis: a cluster of lobules separated by thin fibrous septa (the "chicken-wire"
lucencies), periarticular, outside the joint and apart from bone; cystic lobules hold sediment
that layers in a horizontal beam (the sedimentation sign) [medical brief 5.1-5.2]. The mimics
reuse the same engine with their own shape and place [brief 8].
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from widgets.seeds import LESION_SEED
from widgets.xray.attenuation import HA_CRYSTAL_DENSITY, basis_coefficients
from widgets.xray.phantom import Anatomy, Map, axes_mm, bone_radius_profile, chord, detector_blur
from widgets.xray.tables import load_tables

SEPTUM_MM = 0.7
SEDIMENT_FRACTION = 0.4  # lower part of a cyst's height holding the settled calcium


@dataclass(frozen=True)
class Lobule:
    """A sphere of calcified material (centre in mm; z is along the beam)."""

    x_mm: float
    y_mm: float
    z_mm: float
    radius_mm: float
    density_g_cm3: float
    cyst: bool = False
    shell_mm: float = 0.0  # > 0: a denser rim round a lighter centre (zonal, ring-and-arc)
    centre_density_g_cm3: float = 0.0


@dataclass(frozen=True)
class Cloud:
    """A confluent deposit: a lobulated envelope divided into cells by thin fibrous septa.

    ``envelope`` spheres (x, y, z, radius mm) give the outline and thickness; ``cells`` are the
    lobules as seen on the film (x, y mm, density g/cm³, cyst or solid).
    """

    envelope: tuple[tuple[float, float, float, float], ...]
    cells: tuple[tuple[float, float, float, bool], ...]


@dataclass(frozen=True)
class Lesion:
    lobules: tuple[Lobule, ...] = ()
    cloud: Cloud | None = None
    erosion: tuple[float, float, float] | None = None  # x, y, radius (mm) of bone eroded


@dataclass(frozen=True)
class Condition:
    label: str
    size_mm: float
    density_g_cm3: float


CONDITIONS: dict[str, Condition] = {
    "tumoral_calcinosis": Condition("Tumoral calcinosis", 45, 1.0),
    "myositis_ossificans": Condition("Myositis ossificans", 30, 1.0),
    "calcific_tendinitis": Condition("Calcific tendinitis", 14, 1.2),
    "synovial_chondromatosis": Condition("Synovial chondromatosis", 7, 1.2),
    "tophaceous_gout": Condition("Tophaceous gout", 30, 0.35),
    "calcinosis_cutis": Condition("Calcinosis cutis", 10, 1.0),
}


def _bone_top(anatomy: Anatomy, x_mm: float) -> float:
    """Distance from the limb axis to the bone surface at ``x_mm`` (largest bone radius there)."""
    site = anatomy.site
    x = np.array([x_mm])
    return float(
        max(
            bone_radius_profile(site.left, x, side=-1, gap_mm=site.joint_gap_mm)[0],
            bone_radius_profile(site.right, x, side=1, gap_mm=site.joint_gap_mm)[0],
        )
    )


def _cluster(
    rng: np.random.Generator, centre: tuple[float, float], radius: float, density: float
) -> list[Lobule]:
    """Many non-overlapping spheres with septal gaps inside a ball.

    Along each ray several lobules overlap and add up, so the mass looks like a dense cloud,
    crossed by the thin lucent lines where septa line up (chicken-wire).
    """
    placed: list[Lobule] = []
    for _ in range(1500):
        r = radius * rng.uniform(0.12, 0.3)
        offset = rng.normal(size=3)
        offset *= (radius - r) * rng.uniform(0, 1) ** (1 / 3) / np.linalg.norm(offset)
        x, y, z = centre[0] + offset[0], centre[1] + offset[1], offset[2]
        if any(
            np.sqrt((x - p.x_mm) ** 2 + (y - p.y_mm) ** 2 + (z - p.z_mm) ** 2)
            < r + p.radius_mm + SEPTUM_MM
            for p in placed
        ):
            continue
        placed.append(
            Lobule(x, y, z, r, density * rng.uniform(0.8, 1.2), cyst=bool(rng.uniform() < 0.4))
        )
        if len(placed) >= 70:
            break
    return placed


def _cloud(
    rng: np.random.Generator, centre: tuple[float, float], radius: float, density: float
) -> Cloud:
    """Overlapping spheres make the lobulated outline; cells inside it are the lobules."""
    envelope = [(centre[0], centre[1], 0.0, radius * 0.62)]
    for _ in range(9):
        r = radius * rng.uniform(0.3, 0.48)
        direction = rng.normal(size=3)
        direction *= (radius - r) / np.linalg.norm(direction)
        envelope.append((centre[0] + direction[0], centre[1] + direction[1], direction[2], r))
    count = int(np.clip((radius / 3.2) ** 2, 6, 90))
    angles = rng.uniform(0, 2 * np.pi, count)
    distances = radius * np.sqrt(rng.uniform(0, 1, count))
    cells = tuple(
        (
            centre[0] + d * np.cos(a),
            centre[1] + d * np.sin(a),
            density * rng.uniform(0.75, 1.2),
            bool(rng.uniform() < 0.35),
        )
        for a, d in zip(angles, distances, strict=True)
    )
    return Cloud(tuple(envelope), cells)


def make_lesion(
    condition: str, anatomy: Anatomy, *, size_mm: float, density_g_cm3: float, position_mm: float
) -> Lesion:
    """Place ``condition`` in the limb; ``position_mm`` shifts it along the limb from the joint."""
    rng = np.random.default_rng(LESION_SEED)
    radius = size_mm / 2
    x = position_mm
    if condition == "tumoral_calcinosis":
        y = -(_bone_top(anatomy, x) + 4.0 + radius)  # extensor side, apart from bone
        return Lesion(cloud=_cloud(rng, (x, y), radius, density_g_cm3))
    if condition == "tophaceous_gout":
        y = -(_bone_top(anatomy, x) + radius * 0.6)
        # Tophi are solid: no fluid-calcium levels, whatever the beam.
        lobules = [
            replace(lobule, cyst=False) for lobule in _cluster(rng, (x, y), radius, density_g_cm3)
        ]
        erosion = (x, -(_bone_top(anatomy, x) - radius * 0.15), radius * 0.35)
        return Lesion(tuple(lobules), erosion=erosion)
    if condition == "myositis_ossificans":
        x = position_mm + np.sign(position_mm or 1) * (
            anatomy.site.right.end_radius_mm + 20 + radius
        )
        y = -(_bone_top(anatomy, x) + 5.0 + radius * 0.7)
        body = Lobule(
            x,
            y,
            0.0,
            radius,
            density_g_cm3,
            shell_mm=max(2.0, radius * 0.15),
            centre_density_g_cm3=0.2 * density_g_cm3,
        )
        return Lesion((body,))
    if condition == "calcific_tendinitis":
        y = -(_bone_top(anatomy, x) + 1.5 + radius * 0.4)
        lobules = [
            Lobule(x + k * radius * 0.7, y, 0.0, max(1.5, radius * 0.45), density_g_cm3)
            for k in (-1, 0, 1)
        ]
        return Lesion(tuple(lobules))
    if condition == "synovial_chondromatosis":
        site = anatomy.site
        spread = min(site.left.end_radius_mm, site.right.end_radius_mm) * 0.8
        lobules = [
            Lobule(
                float(rng.uniform(-site.joint_gap_mm - 6, site.joint_gap_mm + 6)),
                float(rng.uniform(-spread, spread)),
                float(rng.uniform(-spread, spread)),
                radius * rng.uniform(0.6, 1.0),
                density_g_cm3,
                shell_mm=0.8,
                centre_density_g_cm3=0.2 * density_g_cm3,
            )
            for _ in range(10)
        ]
        return Lesion(tuple(lobules))
    if condition == "calcinosis_cutis":
        y = -(anatomy.site.limb_radius_mm - 3.0)  # just under the skin
        lobules = [
            Lobule(
                x + dx,
                y + rng.uniform(-1.5, 1.5),
                0.0,
                radius * rng.uniform(0.25, 0.45),
                density_g_cm3,
            )
            for dx in np.linspace(-2.5 * radius, 2.5 * radius, 6)
        ]
        return Lesion(tuple(lobules))
    raise ValueError(f"unknown condition {condition!r}; choose one of {', '.join(CONDITIONS)}")


def lobule_maps(
    lobule: Lobule, x: NDArray[np.float64], y: NDArray[np.float64], *, horizontal_beam: bool
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(path length mm, hydroxyapatite mm·g/cm³) of one lobule over the grid ``x`` by ``y``."""
    distance = np.hypot(x[None, :] - lobule.x_mm, y[:, None] - lobule.y_mm)
    path = chord(lobule.radius_mm, distance)
    if lobule.shell_mm > 0:
        core = chord(max(lobule.radius_mm - lobule.shell_mm, 0.0), distance)
        return path, (path - core) * lobule.density_g_cm3 + core * lobule.centre_density_g_cm3
    density = np.full_like(path, lobule.density_g_cm3)
    if lobule.cyst and horizontal_beam:
        # Gravity pulls the calcium down: every ray below the level crosses only sediment.
        level = lobule.y_mm + lobule.radius_mm * (1 - 2 * SEDIMENT_FRACTION)
        below = (y[:, None] >= level) * np.ones_like(path, dtype=bool)
        density = np.where(below, lobule.density_g_cm3 * 1.8, lobule.density_g_cm3 * 0.25)
    return path, path * density


def cloud_maps(
    cloud: Cloud, x: NDArray[np.float64], y: NDArray[np.float64], *, horizontal_beam: bool
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(path mm, mineral mm·g/cm³) of a cloud: envelope thickness times the density of the cell
    each pixel falls in, thinned along the septa between cells."""
    path = np.zeros((len(y), len(x)))
    for ex, ey, _, er in cloud.envelope:
        path = np.maximum(path, chord(er, np.hypot(x[None, :] - ex, y[:, None] - ey)))
    cells = np.array([(cx, cy) for cx, cy, _, _ in cloud.cells])
    distance = np.hypot(x[None, :, None] - cells[:, 0], y[:, None, None] - cells[:, 1])
    nearest = np.argsort(distance, axis=2)[..., :2]
    first = np.take_along_axis(distance, nearest[..., :1], axis=2)[..., 0]
    second = np.take_along_axis(distance, nearest[..., 1:], axis=2)[..., 0]
    septum = np.clip((second - first) / SEPTUM_MM, 0.0, 1.0)  # 0 on a septum, 1 inside a cell
    owner = nearest[..., 0]
    density = np.array([c for _, _, c, _ in cloud.cells])[owner]
    if horizontal_beam:
        cyst = np.array([is_cyst for _, _, _, is_cyst in cloud.cells])[owner]
        level = cells[owner, 1] + 0.6 * SEPTUM_MM * 2  # calcium settles below the cell's middle
        below = y[:, None] >= level
        layered = np.where(below, density * 1.8, density * 0.25)  # linear in density
        density = np.where(cyst, layered, density)
    mineral = path * density * (0.3 + 0.7 * septum)
    return path, mineral


@dataclass(frozen=True)
class LesionMaps:
    """What a lesion adds inside its pixel box, for a deposit density of 1 g/cm³.

    Mineral scales linearly with density, so a density slider only rescales these.
    """

    box: tuple[slice, slice]
    bulge_cm: Map  # soft tissue added where a mass pushes the skin out
    mineral_g_cm2: Map  # hydroxyapatite at 1 g/cm³
    eroded_soft_cm: Map  # bone removed (gout) becomes soft tissue ...
    eroded_ha_g_cm2: Map  # ... and loses its mineral

    def basis(self, anatomy: Anatomy, density_g_cm3: float) -> tuple[Map, Map]:
        """Soft-tissue and hydroxyapatite maps of the box with the lesion at ``density_g_cm3``."""
        mineral = self.mineral_g_cm2 * np.float32(density_g_cm3)
        soft = (
            anatomy.soft_cm[self.box]
            + self.bulge_cm
            - mineral / np.float32(HA_CRYSTAL_DENSITY)
            + self.eroded_soft_cm
        )
        ha = anatomy.ha_g_cm2[self.box] + mineral - self.eroded_ha_g_cm2
        return soft, ha


def lesion_maps(anatomy: Anatomy, lesion: Lesion, *, horizontal_beam: bool) -> LesionMaps:
    """Rasterise a lesion made at a density of 1 g/cm³ into its pixel box."""
    x, y = axes_mm(anatomy.site, anatomy.size_px)
    box = _box(anatomy, lesion)
    xs, ys = x[box[1]], y[box[0]]
    path = np.zeros((len(ys), len(xs)))
    mineral = np.zeros_like(path)
    if lesion.cloud is not None:
        path, mineral = cloud_maps(lesion.cloud, xs, ys, horizontal_beam=horizontal_beam)
    for lobule in lesion.lobules:
        lobule_path, lobule_mineral = lobule_maps(lobule, xs, ys, horizontal_beam=horizontal_beam)
        path += lobule_path
        mineral += lobule_mineral
    limb = 2 * anatomy.skin_mm[box[0]][:, None]
    bulge = np.clip(path - limb, 0, None)
    eroded_soft, eroded_ha = np.zeros_like(path), np.zeros_like(path)
    if lesion.erosion is not None:
        eroded_soft, eroded_ha = _erosion(anatomy, lesion.erosion, xs, ys, box)
    return LesionMaps(box, _cm(bulge), _cm(mineral), _cm(eroded_soft), _cm(eroded_ha))


def _cm(values_mm: NDArray[np.float64]) -> Map:
    return (detector_blur(values_mm) / 10).astype(np.float32)


def _box(anatomy: Anatomy, lesion: Lesion) -> tuple[slice, slice]:
    pixel = anatomy.pixel_mm
    half = anatomy.size_px / 2
    spheres = [(lob.x_mm, lob.y_mm, lob.radius_mm) for lob in lesion.lobules]
    if lesion.cloud is not None:
        spheres += [(ex, ey, er) for ex, ey, _, er in lesion.cloud.envelope]
    left = min(sx - r for sx, _, r in spheres)
    right = max(sx + r for sx, _, r in spheres)
    top = min(sy - r for _, sy, r in spheres)
    bottom = max(sy + r for _, sy, r in spheres)
    cols = (int(np.floor(left / pixel + half)) - 1, int(np.ceil(right / pixel + half)) + 2)
    rows = (int(np.floor(top / pixel + half)) - 1, int(np.ceil(bottom / pixel + half)) + 2)
    return _within(rows, anatomy.size_px), _within(cols, anatomy.size_px)


def _within(span: tuple[int, int], size: int) -> slice:
    return slice(max(span[0], 0), min(max(span[1], 0), size))


def _erosion(
    anatomy: Anatomy,
    erosion: tuple[float, float, float],
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    box: tuple[slice, slice],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A punched-out hole in the bone: (soft tissue gained mm, bone mineral lost mm·g/cm³)."""
    ex, ey, radius = erosion
    a_bone, b_bone = basis_coefficients(load_tables(), "cortical_bone")
    removed = np.minimum(
        chord(radius, np.hypot(x[None, :] - ex, y[:, None] - ey)), anatomy.bone_mm[box]
    )
    return removed * (1 - a_bone), removed * b_bone
