"""The package's architecture, checked: imports run one way, from the CLI down to the law.

Every ``import`` in the package (module-level or deferred inside a function) is read
with :mod:`ast`; an import of a name from a package counts as an import of the
submodule when that name is one, else of the package itself.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cloudcentre

ROOT = Path(cloudcentre.__file__).parent
PACKAGE = "cloudcentre"

#: The layers, bottom up. A module may import from its own layer or a lower one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cloudcentre._errors",),
    ("cloudcentre.law",),
    ("cloudcentre.model",),
    ("cloudcentre.catalogue",),
    ("cloudcentre.engine",),
    ("cloudcentre.decide",),
    ("cloudcentre.report",),
    ("cloudcentre._cli", "cloudcentre.__main__", "cloudcentre"),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> Iterator[str]:
    """The package's modules that module ``name`` imports."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    base = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE) and alias.name in MODULES:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{anchor}.{node.module}" if node.module else anchor
            else:
                target = node.module or ""
            if not target.startswith(PACKAGE):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in MODULES else target


GRAPH: dict[str, set[str]] = {name: set(_imports(name)) - {name} for name in MODULES}


def _layer(name: str) -> int:
    best = -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                best = index
    assert best >= 0, f"module {name} is in no layer: add it to LAYERS"
    return best


def test_the_graph_was_read() -> None:
    assert "cloudcentre.law.packs.hds" in MODULES
    assert "cloudcentre.law.language" in GRAPH["cloudcentre.law.packs.common"]
    assert "cloudcentre.engine.durable" in GRAPH["cloudcentre.decide.api"]


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for dep in sorted(GRAPH[name]):
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep) :], dep]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)


def test_law_imports_nothing_from_the_rest_of_the_package() -> None:
    for name, deps in sorted(GRAPH.items()):
        if name.startswith("cloudcentre.law"):
            outside = {d for d in deps if not d.startswith("cloudcentre.law")}
            assert outside <= {"cloudcentre._errors"}, f"{name} imports {sorted(outside)}"


def test_imports_run_down_the_layers() -> None:
    for name, deps in sorted(GRAPH.items()):
        for dep in sorted(deps):
            assert _layer(dep) <= _layer(name), (
                f"{name} (layer {_layer(name)}) imports {dep} (layer {_layer(dep)}): "
                "imports run from the CLI down to the law"
            )


def test_errors_is_a_leaf() -> None:
    assert GRAPH["cloudcentre._errors"] == set()


def test_every_pack_has_its_own_module_with_a_docstring() -> None:
    packs = sorted(n for n in MODULES if n.startswith("cloudcentre.law.packs."))
    names = {pack.name for pack in cloudcentre.PACKS}
    modules = {n.rpartition(".")[2] for n in packs} - {"common"}
    assert {name.replace("-", "_") for name in names} == modules
    for name in packs:
        doc = ast.get_docstring(ast.parse(MODULES[name].read_text(encoding="utf-8")))
        assert doc, f"{name} has no docstring"


def test_modules_stay_reviewable() -> None:
    for name, path in MODULES.items():
        if name == "cloudcentre.engine.durable":
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 600, f"{name} has {lines} lines: split it"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cloudcentre", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("usage: cloudcentre")
