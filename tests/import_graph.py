"""The import graph of a package, read from its source, and what importing each module loads.

Used by the layering tests: a module may load a UI library (ipywidgets, plotly) only when its
own imports lead to it, and the package's modules import one another without cycles.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

#: Libraries a pure module must not load unless its own imports lead to them.
UI_LIBRARIES = ("ipywidgets", "plotly")


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package below ``package_dir``: dotted name -> file."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement asks for (``from a import b`` gives a and a.b)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: resolve against this module's package
        anchor = module.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, *([base] if base else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def imports_of(path: Path, module: str, *, at_import_only: bool) -> set[str]:
    """Names imported by a module; with ``at_import_only``, only those run when it is imported
    (not inside functions, not under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    is_package = path.name == "__init__.py"

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            return
        if at_import_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(_imported(node, module, is_package))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def internal_graph(package_dir: Path, *, at_import_only: bool) -> dict[str, set[str]]:
    """Module -> the package's modules its import statements name.

    Parent packages that Python runs on the way (``a`` and ``a.b`` for ``import a.b.c``) are not
    edges: what a package file loads as a side effect is exactly what must not count as a
    module's own import.
    """
    modules = module_names(package_dir)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imports_of(path, name, at_import_only=at_import_only):
            if imported in modules and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def external_roots(package_dir: Path) -> dict[str, set[str]]:
    """Module -> top-level names of the outside libraries its import-time code imports."""
    modules = module_names(package_dir)
    own = package_dir.name
    return {
        name: {
            imported.split(".")[0]
            for imported in imports_of(path, name, at_import_only=True)
            if imported and imported.split(".")[0] != own
        }
        for name, path in modules.items()
    }


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def loaded_after_import(module: str, *, cwd: Path) -> set[str]:
    """Top-level names in ``sys.modules`` after importing ``module`` in a fresh interpreter."""
    code = (
        "import importlib, json, sys; importlib.import_module(sys.argv[1]); "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, module],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"importing {module} failed:\n{done.stderr}")
    return set(json.loads(done.stdout))


def unexpected_ui_loads(package_dir: Path) -> dict[str, list[str]]:
    """Module -> UI libraries that importing it loads although its own imports do not lead there.

    "Lead there" means: some module it reaches through import-time imports imports the library,
    or imports an outside library that itself loads it (measured the same way).
    """
    cwd = package_dir.parent
    graph = internal_graph(package_dir, at_import_only=True)
    roots = external_roots(package_dir)
    outside = sorted({lib for libs in roots.values() for lib in libs})
    with ThreadPoolExecutor(max_workers=2) as pool:
        loads = dict(
            zip(graph, pool.map(lambda m: loaded_after_import(m, cwd=cwd), graph), strict=True)
        )
        library_loads = dict(
            zip(outside, pool.map(lambda lib: _library_loads(lib, cwd=cwd), outside), strict=True)
        )
    found = {}
    for module in graph:
        libraries = {lib for m in reachable(graph, module) for lib in roots[m]}
        allowed = {ui for lib in libraries for ui in library_loads.get(lib, set())}
        wrong = sorted(set(UI_LIBRARIES) & loads[module] - allowed)
        if wrong:
            found[module] = wrong
    return found


def _library_loads(library: str, *, cwd: Path) -> set[str]:
    try:
        return loaded_after_import(library, cwd=cwd) & set(UI_LIBRARIES)
    except RuntimeError:  # a name that is not importable on its own (e.g. __future__ parts)
        return set()
