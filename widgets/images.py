"""The course's images and their records (``assets/images/MANIFEST.yaml``).

Every image a student sees has alt text, a licence and a SHA-256 hash here. Simulated films also
carry the simulator settings that made them, so ``tools/render_films.py`` can make them again
and a test can check that each film still shows what its record says.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets.loading import load_content, require_unique_ids

MANIFEST = "MANIFEST.yaml"


class Film(BaseModel):
    """Simulator settings (``widgets.xray.settings.typical_settings``) for a simulated film."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    condition: str
    site: str = "elbow"
    view: Literal["frontal", "horizontal beam"] = "frontal"
    size_mm: float | None = None
    density_g_cm3: float | None = None
    position_mm: float | None = None

    def changes(self) -> dict[str, object]:
        """Settings beyond the condition's and site's usual ones."""
        optional = {
            "view": self.view,
            "size_mm": self.size_mm,
            "density_g_cm3": self.density_g_cm3,
            "position_mm": self.position_mm,
        }
        return {name: value for name, value in optional.items() if value is not None}


class ImageRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(pattern=r"^[a-z0-9][a-z0-9._/-]*\.(png|jpg|jpeg)$")
    alt: str = Field(min_length=10, max_length=400)
    licence: str = Field(min_length=3)
    source: str = Field(min_length=3)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    film: Film | None = None


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    images: list[ImageRecord]

    @field_validator("images")
    @classmethod
    def _files_unique(cls, images: list[ImageRecord]) -> list[ImageRecord]:
        require_unique_ids([image.file for image in images], "image file")
        return images

    def record(self, file: str) -> ImageRecord:
        for image in self.images:
            if image.file == file:
                return image
        raise KeyError(f"{file} is not listed in assets/images/{MANIFEST}")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(path: Path | None = None) -> Manifest:
    """``assets/images/MANIFEST.yaml``, read once per kernel."""
    return load_content(f"images/{MANIFEST}", Manifest, path)
