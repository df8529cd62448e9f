"""The environment files agree with each other, and the repository layout is as documented."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import yaml

from storylens.paths import project_root

ROOT = project_root()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line):
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def _pyproject_deps() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {_name(d) for d in deps}


def _conda_pins() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for item in spec["dependencies"]:
        if isinstance(item, dict):  # a "pip:" section
            items = item.get("pip", [])
        else:
            items = [item]
        for entry in items:
            name, _, version = entry.partition("==") if "==" in entry else entry.partition("=")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_environment_yml_lists_the_same_packages_as_pyproject():
    conda = set(_conda_pins()) - {"python", "pip"}
    assert conda == _pyproject_deps()


def test_environment_yml_pins_the_locked_versions():
    lock = _lock()
    conda = _conda_pins()
    mismatched = {n: (v, lock.get(n)) for n, v in conda.items() if n in lock and v != lock[n]}
    assert mismatched == {}
    assert conda["python"] == "3.11"


def test_every_direct_dependency_is_locked():
    assert _pyproject_deps() - set(_lock()) == set()


def test_lib_is_not_ignored_and_outputs_are():
    def ignored(path: str) -> bool:
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        return result.returncode == 0

    assert not ignored("lib/storylens/__init__.py")
    assert not ignored("seeds/metadata.csv")
    assert ignored("outputs/reports/index.html")
    assert ignored(".venv")  # the folder, or a link to one (git reads no path beyond a link)
    if not (ROOT / ".venv").is_symlink():
        assert ignored(".venv/bin/python")


def test_top_level_layout():
    for name in ["notebooks", "lib", "seeds", "tests", "benchmarks", "Makefile", "environment.yml",
                 "pyproject.toml", "requirements.lock", "README.md", ".ci/run"]:  # fmt: skip
        assert (ROOT / name).exists(), name


def test_make_help_lists_the_targets():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True)
    for target in ["reports", "test", "test-fast", "lab", "lint", "clean", "help"]:
        assert re.search(rf"\b{target}\b", out.stdout), target


def _make_dry_run(target: str) -> str:
    """The last command ``make -n target`` would run (the Python one; env set-up before it)."""
    # Under `make test` the suite runs inside make: drop its variables, or the dry run
    # reports entering and leaving directories as a sub-make.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    out = subprocess.run(
        ["make", "--no-print-directory", "-n", target],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def test_make_test_runs_everything_and_test_fast_leaves_out_the_slow_tests():
    assert _make_dry_run("test") == ".venv/bin/python -m pytest"
    assert _make_dry_run("test-fast") == '.venv/bin/python -m pytest -m "not slow"'


def test_ci_runs_the_whole_suite():
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == "make test"


def test_the_slow_marker_is_registered():
    pytest_ini = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    markers = pytest_ini["ini_options"]["markers"]
    assert any(m.startswith("slow:") for m in markers)
