"""The tumoral calcinosis course's Python package: everything the lessons run.

Layers, from the bottom up:

- Content and its locations: ``paths`` (every file's place), ``loading`` (YAML into typed models,
  errors naming file and field), the models of each content file in their packages.
- The pure core: data models, grading, physics, reasoning and figures (numpy, pydantic, charts
  as plotly's JSON, built without plotly). No module of it imports ipywidgets.
- The UI: ipywidgets controls wired to the core, with no formulas or thresholds of their own.
- ``lesson``: the names lesson cells call, each loading its module only when a lesson shows it.

Package files (``__init__.py``) import nothing, so importing a pure module never loads the UI.
"""
