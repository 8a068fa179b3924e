from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from widgets.loading import ContentError, field_name, load_model, read_yaml


class Item(BaseModel):
    name: str
    size_mm: float


class Box(BaseModel):
    items: list[Item]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "box.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"nothing\.yaml: file not found"):
        read_yaml(tmp_path / "nothing.yaml")


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "items:\n  - name: a\n    size_mm: [1, 2\n")
    with pytest.raises(ContentError, match=r"box\.yaml: is not valid YAML at line \d+"):
        read_yaml(path)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="mapping at the top level"):
        load_model(write(tmp_path, "- just\n- a list\n"), Box)


def test_validation_error_names_the_field_path(tmp_path: Path) -> None:
    path = write(tmp_path, "items:\n  - name: a\n    size_mm: 1\n  - name: b\n    size_mm: big\n")
    with pytest.raises(ContentError) as raised:
        load_model(path, Box)
    assert raised.value.field == "items[1].size_mm"
    assert "box.yaml: items[1].size_mm:" in str(raised.value)


def test_valid_file_loads_into_the_model(tmp_path: Path) -> None:
    box = load_model(write(tmp_path, "items:\n  - name: a\n    size_mm: 2.5\n"), Box)
    assert box.items[0].size_mm == 2.5


def test_undecodable_file_is_a_content_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: \xe9t\xe9\n")
    with pytest.raises(ContentError, match="cannot be read"):
        read_yaml(path)


@pytest.mark.parametrize(
    ("location", "expected"),
    [(("lessons", 3, "title"), "lessons[3].title"), (("title",), "title"), ((), "(top level)")],
)
def test_field_name(location: tuple[int | str, ...], expected: str) -> None:
    assert field_name(location) == expected
