"""The simulator's conditions: tumoral calcinosis and its mimics, one model each in a table.

A ``ConditionModel`` gives a condition's usual deposit size and density and a ``build``
function that places its deposit in the limb with the geometry of ``lesions``. Every number a
builder uses is a named constant below, with where it comes from: a section of the medical
brief (``shared/content/medical-brief.md``; its reference numbers are those of
``assets/references.yaml``) or the X-ray research note (``shared/research/xray-sim.md``).
Where a number is only a modelling choice for teaching, it says so.

Coordinates are the phantom's: x along the limb from the joint, y across it, and negative y is
the extensor side (the top of the film), where the periarticular masses sit [medical brief 4.1].
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from widgets.seeds import LESION_SEED
from widgets.xray.lesions import Lesion, Lobule, bone_surface_mm, make_cloud, pack_lobules
from widgets.xray.phantom import Anatomy


class LesionBuilder(Protocol):
    """Places a condition's deposit in ``anatomy``; ``position_mm`` is along the limb from the
    joint. Draws from ``rng`` only, so a lesion is the same every time."""

    def __call__(
        self,
        rng: np.random.Generator,
        anatomy: Anatomy,
        *,
        radius_mm: float,
        density_g_cm3: float,
        position_mm: float,
    ) -> Lesion: ...


@dataclass(frozen=True)
class ConditionModel:
    """One condition the simulator can show.

    ``size_mm`` and ``density_g_cm3`` are the deposit's usual values (the sliders' starting
    point); ``sources`` are the numbers of the references (``assets/references.yaml``) that the
    model's look and place rest on.
    """

    key: str
    label: str
    size_mm: float
    density_g_cm3: float
    build: LesionBuilder
    sources: tuple[int, ...]


# Usual deposit mineral, after the research note's teaching range (xray-sim.md 3.2): 0.1-0.3
# g/cm³ is milk of calcium, 0.6-1.0 typical paste, 1.5 a dense mature deposit.

# --- Tumoral calcinosis -------------------------------------------------------------------------
#: A mid-sized mass: masses run from about 1 cm to 15 cm or more [medical brief 4.1; ref 17];
#: 45 mm is a teaching choice that fits the elbow's 160 mm field with room round it.
TUMORAL_CALCINOSIS_SIZE_MM = 45
#: Chalky paste at the top of the typical range (research note 3.2).
TUMORAL_CALCINOSIS_DENSITY_G_CM3 = 1.0
#: Soft tissue between the mass and the bone (mm): the mass is separate from bone [medical brief
#: 5.1; refs 17, 20]. The width is a teaching choice, enough to show a clear gap.
TUMORAL_CALCINOSIS_GAP_TO_BONE_MM = 4.0

# --- Myositis ossificans ------------------------------------------------------------------------
#: A muscle-sized mass (teaching choice).
MYOSITIS_OSSIFICANS_SIZE_MM = 30
#: True bone at its rim: cortical bone holds about 1.08 g/cm³ of hydroxyapatite-equivalent
#: mineral (research note 3.2); 1.0 is that, rounded.
MYOSITIS_OSSIFICANS_DENSITY_G_CM3 = 1.0
#: Muscle between the end of the bone and the mass, along the limb (mm): the mass lies within a
#: muscle, not at the joint [medical brief 8; refs 45, 61]. The distance is a teaching choice.
MYOSITIS_OSSIFICANS_GAP_ALONG_LIMB_MM = 20
#: Depth off the bone: a fixed gap plus a share of the mass's radius, so it sits in the muscle
#: near the shaft without touching it. Teaching choices.
MYOSITIS_OSSIFICANS_GAP_TO_BONE_MM = 5.0
MYOSITIS_OSSIFICANS_DEPTH_SHARE = 0.7
#: The zonal pattern: mineral matures from the rim inwards [medical brief 8; ref 45]. The rim is
#: this share of the radius, never thinner than the minimum; the immature centre holds this share
#: of the rim's mineral. Teaching choices.
MYOSITIS_OSSIFICANS_RIM_SHARE = 0.15
MYOSITIS_OSSIFICANS_RIM_MIN_MM = 2.0
MYOSITIS_OSSIFICANS_CENTRE_SHARE = 0.2

# --- Calcific tendinitis ------------------------------------------------------------------------
#: A small deposit in a tendon, not a large mass [medical brief 8; ref 50]; the size is a
#: teaching choice.
CALCIFIC_TENDINITIS_SIZE_MM = 14
#: Homogeneous, dense hydroxyapatite [medical brief 8; ref 50]: between typical paste and a mature
#: deposit (research note 3.2), a teaching choice.
CALCIFIC_TENDINITIS_DENSITY_G_CM3 = 1.2
#: Depth off the bone (a fixed gap plus a share of the radius): within a tendon near its
#: insertion, close to the bone [medical brief 8; ref 50]. Teaching choices.
CALCIFIC_TENDINITIS_GAP_TO_BONE_MM = 1.5
CALCIFIC_TENDINITIS_DEPTH_SHARE = 0.4
#: The deposit is drawn as three overlapping beads along the tendon: their spacing and radius as
#: shares of the deposit's radius, and their smallest radius. Teaching choices.
CALCIFIC_TENDINITIS_BEADS = (-1, 0, 1)
CALCIFIC_TENDINITIS_SPACING_SHARE = 0.7
CALCIFIC_TENDINITIS_BEAD_SHARE = 0.45
CALCIFIC_TENDINITIS_BEAD_MIN_MM = 1.5

# --- Synovial chondromatosis --------------------------------------------------------------------
# Many similar-sized bodies inside the joint [medical brief 8; named as a mimic in ref 1; the
# description itself is general radiology knowledge, not from a retrieved source].
#: Size of one body (teaching choice).
SYNOVIAL_CHONDROMATOSIS_SIZE_MM = 7
#: Calcified cartilage, as dense as the tendinitis deposit (teaching choice).
SYNOVIAL_CHONDROMATOSIS_DENSITY_G_CM3 = 1.2
#: Number of bodies (teaching choice: "multiple").
SYNOVIAL_CHONDROMATOSIS_BODIES = 10
#: Where the bodies may lie: within this much of the joint gap along the limb (mm), and across
#: the limb within this share of the smaller bone end's radius, i.e. inside the joint.
SYNOVIAL_CHONDROMATOSIS_REACH_ALONG_LIMB_MM = 6
SYNOVIAL_CHONDROMATOSIS_SPREAD_SHARE = 0.8
#: Similar sizes: each body's radius is this share of the usual one.
SYNOVIAL_CHONDROMATOSIS_RADIUS_SHARE = (0.6, 1.0)
#: A calcified rim round a fainter cartilage centre (ring-and-arc): rim width, and the centre's
#: share of the rim's mineral. Teaching choices.
SYNOVIAL_CHONDROMATOSIS_RIM_MM = 0.8
SYNOVIAL_CHONDROMATOSIS_CENTRE_SHARE = 0.2

# --- Tophaceous gout ----------------------------------------------------------------------------
#: A tophus of the olecranon-bursa kind (teaching choice).
TOPHACEOUS_GOUT_SIZE_MM = 30
#: Tophi are variably dense [medical brief 8; ref 46]: fainter than calcium paste, a teaching
#: choice.
TOPHACEOUS_GOUT_DENSITY_G_CM3 = 0.35
#: Depth of the tophus's centre off the bone, as a share of its radius: below 1, so it rests on
#: the bone beside the joint (juxta-articular) [medical brief 8; ref 46].
TOPHACEOUS_GOUT_DEPTH_SHARE = 0.6
#: The punched-out erosion under the tophus [medical brief 8; ref 46]: its centre lies this share
#: of the tophus's radius inside the bone surface, and its radius is this share. Teaching choices.
TOPHACEOUS_GOUT_EROSION_DEPTH_SHARE = 0.15
TOPHACEOUS_GOUT_EROSION_RADIUS_SHARE = 0.35

# --- Calcinosis cutis (of connective tissue disease) --------------------------------------------
#: Small superficial nodules [medical brief 8; refs 17, 43, 44]; the size is a teaching choice.
CALCINOSIS_CUTIS_SIZE_MM = 10
#: Calcium paste (research note 3.2, typical range).
CALCINOSIS_CUTIS_DENSITY_G_CM3 = 1.0
#: Depth under the skin (mm): in skin and subcutis [medical brief 8; refs 17, 43, 44].
CALCINOSIS_CUTIS_DEPTH_MM = 3.0
#: A linear row of nodules rather than one lobulated mass [medical brief 8; refs 17, 43, 44]:
#: their number, the row's half-length as a share of the deposit's radius, each nodule's scatter
#: across the row (mm), and each nodule's radius as a share of the deposit's. Teaching choices.
CALCINOSIS_CUTIS_NODULES = 6
CALCINOSIS_CUTIS_ROW_SHARE = 2.5
CALCINOSIS_CUTIS_SCATTER_MM = 1.5
CALCINOSIS_CUTIS_NODULE_SHARE = (0.25, 0.45)


def _place_tumoral_calcinosis(
    rng: np.random.Generator,
    anatomy: Anatomy,
    *,
    radius_mm: float,
    density_g_cm3: float,
    position_mm: float,
) -> Lesion:
    """A dense, lobulated, cloud-like mass on the extensor side, apart from bone.

    Its cells are lobules parted by thin fibrous septa (the chicken-wire lucencies), and some are
    cysts whose calcium settles into a level on a horizontal beam (the sedimentation sign)
    [medical brief 4.1, 5.1-5.2; refs 1, 17, 18, 20].
    """
    bone = bone_surface_mm(anatomy, position_mm)
    y = -(bone + TUMORAL_CALCINOSIS_GAP_TO_BONE_MM + radius_mm)
    return Lesion(cloud=make_cloud(rng, (position_mm, y), radius_mm, density_g_cm3))


def _place_myositis_ossificans(
    rng: np.random.Generator,
    anatomy: Anatomy,
    *,
    radius_mm: float,
    density_g_cm3: float,
    position_mm: float,
) -> Lesion:
    """A shell of bone with a faint centre, in the muscle beside the shaft, away from the joint.

    True bone matures from the periphery inwards, the zonal pattern [medical brief 8; refs 45,
    61]. ``position_mm`` moves it along the limb on its own side of the joint.
    """
    reach = anatomy.site.right.end_radius_mm + MYOSITIS_OSSIFICANS_GAP_ALONG_LIMB_MM + radius_mm
    x = position_mm + np.sign(position_mm or 1) * reach
    bone = bone_surface_mm(anatomy, x)
    y = -(bone + MYOSITIS_OSSIFICANS_GAP_TO_BONE_MM + radius_mm * MYOSITIS_OSSIFICANS_DEPTH_SHARE)
    body = Lobule(
        x,
        y,
        0.0,
        radius_mm,
        density_g_cm3,
        shell_mm=max(MYOSITIS_OSSIFICANS_RIM_MIN_MM, radius_mm * MYOSITIS_OSSIFICANS_RIM_SHARE),
        centre_density_g_cm3=MYOSITIS_OSSIFICANS_CENTRE_SHARE * density_g_cm3,
    )
    return Lesion((body,))


def _place_calcific_tendinitis(
    rng: np.random.Generator,
    anatomy: Anatomy,
    *,
    radius_mm: float,
    density_g_cm3: float,
    position_mm: float,
) -> Lesion:
    """A small, homogeneous, elongated deposit in a tendon just off the bone.

    Not a large multilobulated extensor mass [medical brief 8; ref 50].
    """
    bone = bone_surface_mm(anatomy, position_mm)
    y = -(bone + CALCIFIC_TENDINITIS_GAP_TO_BONE_MM + radius_mm * CALCIFIC_TENDINITIS_DEPTH_SHARE)
    bead_mm = max(CALCIFIC_TENDINITIS_BEAD_MIN_MM, radius_mm * CALCIFIC_TENDINITIS_BEAD_SHARE)
    lobules = [
        Lobule(
            position_mm + k * radius_mm * CALCIFIC_TENDINITIS_SPACING_SHARE,
            y,
            0.0,
            bead_mm,
            density_g_cm3,
        )
        for k in CALCIFIC_TENDINITIS_BEADS
    ]
    return Lesion(tuple(lobules))


def _place_synovial_chondromatosis(
    rng: np.random.Generator,
    anatomy: Anatomy,
    *,
    radius_mm: float,
    density_g_cm3: float,
    position_mm: float,
) -> Lesion:
    """Many similar-sized bodies with calcified rims, scattered inside the joint.

    Tumoral calcinosis lies outside the capsule; these lie within it [medical brief 8; named as a
    mimic in ref 1, the look is general radiology knowledge]. ``position_mm`` does not move them.
    """
    site = anatomy.site
    reach = site.joint_gap_mm + SYNOVIAL_CHONDROMATOSIS_REACH_ALONG_LIMB_MM
    spread = (
        min(site.left.end_radius_mm, site.right.end_radius_mm)
        * SYNOVIAL_CHONDROMATOSIS_SPREAD_SHARE
    )
    lobules = [
        Lobule(
            float(rng.uniform(-reach, reach)),
            float(rng.uniform(-spread, spread)),
            float(rng.uniform(-spread, spread)),
            radius_mm * rng.uniform(*SYNOVIAL_CHONDROMATOSIS_RADIUS_SHARE),
            density_g_cm3,
            shell_mm=SYNOVIAL_CHONDROMATOSIS_RIM_MM,
            centre_density_g_cm3=SYNOVIAL_CHONDROMATOSIS_CENTRE_SHARE * density_g_cm3,
        )
        for _ in range(SYNOVIAL_CHONDROMATOSIS_BODIES)
    ]
    return Lesion(tuple(lobules))


def _place_tophaceous_gout(
    rng: np.random.Generator,
    anatomy: Anatomy,
    *,
    radius_mm: float,
    density_g_cm3: float,
    position_mm: float,
) -> Lesion:
    """A faint cluster of solid lobules resting on the bone, over a punched-out erosion.

    Tophi are variably dense and erode the bone beside the joint [medical brief 8; ref 46]. They
    are solid, so they show no fluid-calcium levels whatever the beam.
    """
    bone = bone_surface_mm(anatomy, position_mm)
    y = -(bone + radius_mm * TOPHACEOUS_GOUT_DEPTH_SHARE)
    cluster = pack_lobules(rng, (position_mm, y), radius_mm, density_g_cm3)
    lobules = [replace(lobule, cyst=False) for lobule in cluster]
    erosion = (
        position_mm,
        -(bone - radius_mm * TOPHACEOUS_GOUT_EROSION_DEPTH_SHARE),
        radius_mm * TOPHACEOUS_GOUT_EROSION_RADIUS_SHARE,
    )
    return Lesion(tuple(lobules), erosion=erosion)


def _place_calcinosis_cutis(
    rng: np.random.Generator,
    anatomy: Anatomy,
    *,
    radius_mm: float,
    density_g_cm3: float,
    position_mm: float,
) -> Lesion:
    """A row of small nodules just under the skin, not a large mass by the joint.

    Superficial nodules, plaques or linear deposits in skin and subcutis [medical brief 8; refs
    17, 43, 44].
    """
    y = -(anatomy.site.limb_radius_mm - CALCINOSIS_CUTIS_DEPTH_MM)
    half_length = CALCINOSIS_CUTIS_ROW_SHARE * radius_mm
    lobules = [
        Lobule(
            position_mm + dx,
            y + rng.uniform(-CALCINOSIS_CUTIS_SCATTER_MM, CALCINOSIS_CUTIS_SCATTER_MM),
            0.0,
            radius_mm * rng.uniform(*CALCINOSIS_CUTIS_NODULE_SHARE),
            density_g_cm3,
        )
        for dx in np.linspace(-half_length, half_length, CALCINOSIS_CUTIS_NODULES)
    ]
    return Lesion(tuple(lobules))


_MODELS = (
    ConditionModel(
        "tumoral_calcinosis",
        "Tumoral calcinosis",
        TUMORAL_CALCINOSIS_SIZE_MM,
        TUMORAL_CALCINOSIS_DENSITY_G_CM3,
        _place_tumoral_calcinosis,
        sources=(1, 17, 18, 20),
    ),
    ConditionModel(
        "myositis_ossificans",
        "Myositis ossificans",
        MYOSITIS_OSSIFICANS_SIZE_MM,
        MYOSITIS_OSSIFICANS_DENSITY_G_CM3,
        _place_myositis_ossificans,
        sources=(45, 61),
    ),
    ConditionModel(
        "calcific_tendinitis",
        "Calcific tendinitis",
        CALCIFIC_TENDINITIS_SIZE_MM,
        CALCIFIC_TENDINITIS_DENSITY_G_CM3,
        _place_calcific_tendinitis,
        sources=(50,),
    ),
    ConditionModel(
        "synovial_chondromatosis",
        "Synovial chondromatosis",
        SYNOVIAL_CHONDROMATOSIS_SIZE_MM,
        SYNOVIAL_CHONDROMATOSIS_DENSITY_G_CM3,
        _place_synovial_chondromatosis,
        sources=(1,),
    ),
    ConditionModel(
        "tophaceous_gout",
        "Tophaceous gout",
        TOPHACEOUS_GOUT_SIZE_MM,
        TOPHACEOUS_GOUT_DENSITY_G_CM3,
        _place_tophaceous_gout,
        sources=(46,),
    ),
    ConditionModel(
        "calcinosis_cutis",
        "Calcinosis cutis",
        CALCINOSIS_CUTIS_SIZE_MM,
        CALCINOSIS_CUTIS_DENSITY_G_CM3,
        _place_calcinosis_cutis,
        sources=(17, 43, 44),
    ),
)

#: Every condition the simulator can show, by key, in the order its menu lists them.
CONDITIONS: dict[str, ConditionModel] = {model.key: model for model in _MODELS}


def condition_model(key: str) -> ConditionModel:
    """The model of condition ``key``; an unknown key is refused, naming the known ones."""
    try:
        return CONDITIONS[key]
    except KeyError:
        raise ValueError(
            f"unknown condition {key!r}; choose one of {', '.join(CONDITIONS)}"
        ) from None


def make_lesion(
    condition: str,
    anatomy: Anatomy,
    *,
    size_mm: float,
    density_g_cm3: float,
    position_mm: float,
    rng: np.random.Generator | None = None,
) -> Lesion:
    """Place ``condition`` in the limb; ``position_mm`` shifts it along the limb from the joint.

    ``rng`` defaults to a fresh generator seeded with ``LESION_SEED``, so the same settings
    always give the same lesion.
    """
    model = condition_model(condition)
    return model.build(
        rng if rng is not None else np.random.default_rng(LESION_SEED),
        anatomy,
        radius_mm=size_mm / 2,
        density_g_cm3=density_g_cm3,
        position_mm=position_mm,
    )
