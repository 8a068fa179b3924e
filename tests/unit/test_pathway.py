"""The diagnostic pathway of lesson 7: its data are checked on load, and the explorer walks it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from widgets.loading import ContentError
from widgets.paths import asset_path
from widgets.pathway.data import Pathway, load_pathway
from widgets.pathway.explorer import PathwayExplorer
from widgets.references.catalog import load_references


def real() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(asset_path("pathway.yaml").read_text(encoding="utf-8"))


def broken(tmp_path: Path, change) -> str:  # type: ignore[no-untyped-def]
    data = real()
    change(data)
    path = tmp_path / "pathway.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_pathway(path)
    return str(raised.value)


def step(data: dict, step_id: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in data["steps"] if s["id"] == step_id)


def test_the_real_pathway_loads_and_cites_only_listed_references() -> None:
    pathway = load_pathway()
    count = len(load_references().references)
    assert pathway.cited()
    assert all(1 <= n <= count for n in pathway.cited())
    assert [s.stage for s in pathway.steps if s.kind == "plan"] == ["Treatment"] * 3


def roads(pathway: Pathway, step_id: str) -> list[list[tuple[str, int]]]:
    """Every road from ``step_id`` to a plan: (step, index of the choice taken) pairs."""
    here = pathway.step(step_id)
    if here.kind == "plan":
        return [[]]
    return [
        [(here.id, index), *rest]
        for index, choice in enumerate(here.choices)
        if choice.next is not None
        for rest in roads(pathway, choice.next)
    ]


def test_every_road_through_the_explorer_ends_in_one_of_the_three_plans() -> None:
    pathway = load_pathway()
    ends = set()
    for road in roads(pathway, pathway.start):
        explorer = PathwayExplorer(pathway=pathway)
        for step_id, index in road:
            assert explorer.step.id == step_id
            explorer.pick(index)
        assert explorer.step.kind == "plan"
        assert explorer.trail.value.count("<li>") == len(road)
        ends.add(explorer.step.id)
    assert ends == {"treatment-hftc", "secondary", "normophosphatemic"}
    taken = [[step_id for step_id, _ in road] for road in roads(pathway, pathway.start)]
    assert ["film", "first-line", "second-line", "fgf23", "genetics-kl"] in taken


def test_a_move_that_is_not_the_best_explains_why_and_stays() -> None:
    explorer = PathwayExplorer()
    explorer.pick(1)  # biopsy first
    assert explorer.step.id == "film"
    assert "Not the best next move" in explorer.feedback.value
    assert "[46, 47]" in explorer.feedback.value
    explorer.pick(None)
    assert "Pick one of the choices first" in explorer.feedback.value


def test_the_road_so_far_and_the_stage_are_shown_and_start_again_clears_them() -> None:
    explorer = PathwayExplorer()
    explorer.pick(0)
    explorer.pick(0)  # kidney disease
    assert explorer.step.id == "secondary"
    assert 'aria-current="step"' in explorer.stages.value
    assert "Treatment</li>" in explorer.stages.value.split('aria-current="step"')[1]
    assert explorer.trail.value.count("<li>") == 2
    assert explorer.choose.disabled
    assert "Plan:" in explorer.situation.value
    explorer.restart()
    assert explorer.step.id == "film"
    assert explorer.trail.value == ""
    assert not explorer.choose.disabled


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: step(d, "fgf23")["choices"][0].update(next="film"), "the pathway loops"),
        (lambda d: step(d, "film")["choices"][1].update(best=True), "exactly one best choice"),
        (lambda d: step(d, "first-line")["choices"][0].pop("next"), "every choice of a finding"),
        (lambda d: step(d, "film").update(stage="X-ray"), "stage 'X-ray' is not one of"),
        (lambda d: step(d, "film").update(situation="A film."), "cites its sources"),
        (lambda d: step(d, "film")["choices"][0].update(next="nowhere"), "no step 'nowhere'"),
        (lambda d: step(d, "first-line")["choices"].pop(2), "not reached from the start"),
        (lambda d: d.update(start="x-ray"), "start: no step 'x-ray'"),
        (
            lambda d: step(d, "film")["choices"][1].update(next="first-line"),
            "only the best choice of a decide step leads on",
        ),
    ],
)
def test_broken_pathways_fail_with_a_clear_message(tmp_path: Path, change, words: str) -> None:  # type: ignore[no-untyped-def]
    message = broken(tmp_path, change)
    assert "pathway.yaml" in message
    assert words in message, message
