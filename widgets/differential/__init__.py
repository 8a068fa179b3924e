"""The differential diagnosis: the mimics as data, their feature table and a gallery of films."""

from widgets.differential.data import COLUMNS, Condition, Differential, load_differential
from widgets.differential.gallery import MimicGallery
from widgets.differential.table import DifferentialTable


def differential_table() -> DifferentialTable:
    """Tumoral calcinosis and its mimics, feature by feature, every cell with its sources."""
    return DifferentialTable(load_differential())


__all__ = [
    "COLUMNS",
    "Condition",
    "Differential",
    "DifferentialTable",
    "MimicGallery",
    "differential_table",
    "load_differential",
]
