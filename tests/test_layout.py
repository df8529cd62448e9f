"""The shape of the library: short functions, no private names across modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib" / "storylens"
MAX_FUNCTION_LINES = 80
MODULES = sorted(LIB.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), filename=str(path))


def _module_name(path: Path) -> str:
    parts = path.with_suffix("").parts
    parts = parts[len(parts) - 1 - parts[::-1].index("storylens") :]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private_imports(path: Path) -> list[str]:
    """``from storylens.x import _y`` where storylens.x is another module."""
    own = _module_name(path)
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("storylens") or node.module == own:
                continue
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found += [f".{a.name}" for a in node.names if a.name.startswith("_")]
    return [name for name in found if not name.rsplit(".", 1)[-1].startswith("__")]


def _long_functions(path: Path) -> list[str]:
    out = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{node.name} ({length} lines, line {node.lineno})")
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(LIB)))
def test_no_private_names_from_other_modules(path):
    assert _private_imports(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(LIB)))
def test_functions_fit_on_a_screen(path):
    assert _long_functions(path) == []


def test_the_checks_can_fail(tmp_path):
    bad = tmp_path / "storylens" / "bad.py"
    bad.parent.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    bad.write_text(f"from storylens.actors import _cues\n\ndef long():\n{body}\n")
    assert _long_functions(bad) == [f"long ({MAX_FUNCTION_LINES + 1} lines, line 3)"]
    assert _private_imports(bad) == ["storylens.actors._cues"]
