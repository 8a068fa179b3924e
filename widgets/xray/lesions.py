"""The geometry of calcified deposits: lobules, clouds and lesions, and their path-length maps.

A deposit is built from spheres ("lobules") and, for a confluent mass, a lobulated envelope
divided into cells by thin fibrous septa (a ``Cloud``). This module is the engine only: what
each condition looks like, and where it sits, is its entry in ``conditions``. The maps it
rasterises (path length and mineral per pixel) feed ``radiograph``.

Coordinates are the phantom's (``phantom.axes_mm``): x along the limb from the joint, y across
it with negative y on the extensor side (the top of the film), z along the beam.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from widgets.xray.attenuation import HA_CRYSTAL_DENSITY, basis_coefficients
from widgets.xray.phantom import Anatomy, Map, axes_mm, bone_radius_profile, chord, detector_blur
from widgets.xray.tables import load_tables

#: Width of a fibrous septum on the film (mm). Real septa are tens of micrometres thick
#: [medical brief 7; refs 17, 18]; 0.7 mm (about two pixels at the elbow) is a teaching choice,
#: so that the chicken-wire lines survive the detector's blur.
SEPTUM_MM = 0.7
#: Share of a cyst's height holding the settled calcium (the sedimentation sign, medical brief
#: 5.1-5.2). A modelling choice.
SEDIMENT_FRACTION = 0.4
#: Mineral density of the settled layer and of the fluid above it in a cyst, as multiples of the
#: cyst's mean density: a bright dependent layer under a faint supernatant [medical brief 5.2;
#: ref 18]. Modelling choices, picked so the level is plain on a horizontal beam.
SEDIMENT_DENSITY_FACTOR = 1.8
SUPERNATANT_DENSITY_FACTOR = 0.25
#: How far below a cloud cell's centre its calcium level lies (mm): the sediment settles below
#: the cell's middle. A modelling choice.
CELL_LEVEL_BELOW_CENTRE_MM = 0.6 * SEPTUM_MM * 2
#: Mineral left on a septum line, as a share of the mineral inside a cell: septa lower density
#: locally [medical brief 5.2; ref 18]. A modelling choice.
SEPTUM_MINERAL_SHARE = 0.3

# Packing a cluster of lobules (``pack_lobules``); modelling choices for teaching. Lobule radii
# are a share of the cluster's radius, and each lobule's density scatters around the cluster's.
PACKING_ATTEMPTS = 1500  # tries at placing a lobule before the cluster is called full
CLUSTER_LOBULES_MAX = 70
CLUSTER_LOBULE_RADIUS_SHARE = (0.12, 0.3)
CLUSTER_DENSITY_SPREAD = (0.8, 1.2)
CLUSTER_CYST_SHARE = 0.4  # chance that a lobule is a cyst rather than solid paste

# Growing a cloud (``make_cloud``); modelling choices for teaching. A central sphere and a ring
# of lobes make the lobulated outline [medical brief 5.1]; cells inside it are the lobules.
CLOUD_CORE_SHARE = 0.62  # radius of the central sphere, as a share of the cloud's radius
CLOUD_LOBES = 9
CLOUD_LOBE_RADIUS_SHARE = (0.3, 0.48)
CLOUD_CELL_MM = 3.2  # typical width of a cell: the cell count grows with (radius / this)²
CLOUD_CELLS = (6, 90)  # fewest and most cells
CLOUD_DENSITY_SPREAD = (0.75, 1.2)
CLOUD_CYST_SHARE = 0.35  # chance that a cell is a cyst ("often multicystic", medical brief 5.1)


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


def bone_surface_mm(anatomy: Anatomy, x_mm: float) -> float:
    """Distance from the limb axis to the bone surface at ``x_mm`` (largest bone radius there)."""
    site = anatomy.site
    x = np.array([x_mm])
    return float(
        max(
            bone_radius_profile(site.left, x, side=-1, gap_mm=site.joint_gap_mm)[0],
            bone_radius_profile(site.right, x, side=1, gap_mm=site.joint_gap_mm)[0],
        )
    )


def pack_lobules(
    rng: np.random.Generator,
    centre_mm: tuple[float, float],
    radius_mm: float,
    density_g_cm3: float,
) -> list[Lobule]:
    """Many non-overlapping spheres with septal gaps inside a ball.

    Along each ray several lobules overlap and add up, so the mass looks like a dense cloud,
    crossed by the thin lucent lines where septa line up (chicken-wire).
    """
    placed: list[Lobule] = []
    for _ in range(PACKING_ATTEMPTS):
        r = radius_mm * rng.uniform(*CLUSTER_LOBULE_RADIUS_SHARE)
        offset = rng.normal(size=3)
        offset *= (radius_mm - r) * rng.uniform(0, 1) ** (1 / 3) / np.linalg.norm(offset)
        x, y, z = centre_mm[0] + offset[0], centre_mm[1] + offset[1], offset[2]
        if any(
            np.sqrt((x - p.x_mm) ** 2 + (y - p.y_mm) ** 2 + (z - p.z_mm) ** 2)
            < r + p.radius_mm + SEPTUM_MM
            for p in placed
        ):
            continue
        density = density_g_cm3 * rng.uniform(*CLUSTER_DENSITY_SPREAD)
        placed.append(Lobule(x, y, z, r, density, cyst=bool(rng.uniform() < CLUSTER_CYST_SHARE)))
        if len(placed) >= CLUSTER_LOBULES_MAX:
            break
    return placed


def make_cloud(
    rng: np.random.Generator,
    centre_mm: tuple[float, float],
    radius_mm: float,
    density_g_cm3: float,
) -> Cloud:
    """Overlapping spheres make the lobulated outline; cells inside it are the lobules."""
    envelope = [(centre_mm[0], centre_mm[1], 0.0, radius_mm * CLOUD_CORE_SHARE)]
    for _ in range(CLOUD_LOBES):
        r = radius_mm * rng.uniform(*CLOUD_LOBE_RADIUS_SHARE)
        direction = rng.normal(size=3)
        direction *= (radius_mm - r) / np.linalg.norm(direction)
        envelope.append((centre_mm[0] + direction[0], centre_mm[1] + direction[1], direction[2], r))
    count = int(np.clip((radius_mm / CLOUD_CELL_MM) ** 2, *CLOUD_CELLS))
    angles = rng.uniform(0, 2 * np.pi, count)
    distances = radius_mm * np.sqrt(rng.uniform(0, 1, count))
    cells = tuple(
        (
            centre_mm[0] + d * np.cos(a),
            centre_mm[1] + d * np.sin(a),
            density_g_cm3 * rng.uniform(*CLOUD_DENSITY_SPREAD),
            bool(rng.uniform() < CLOUD_CYST_SHARE),
        )
        for a, d in zip(angles, distances, strict=True)
    )
    return Cloud(tuple(envelope), cells)


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
        density = np.where(
            below,
            lobule.density_g_cm3 * SEDIMENT_DENSITY_FACTOR,
            lobule.density_g_cm3 * SUPERNATANT_DENSITY_FACTOR,
        )
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
        level = cells[owner, 1] + CELL_LEVEL_BELOW_CENTRE_MM
        below = y[:, None] >= level
        layered = np.where(  # linear in density
            below, density * SEDIMENT_DENSITY_FACTOR, density * SUPERNATANT_DENSITY_FACTOR
        )
        density = np.where(cyst, layered, density)
    mineral = path * density * (SEPTUM_MINERAL_SHARE + (1 - SEPTUM_MINERAL_SHARE) * septum)
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
