"""The import contracts of pyproject.toml ([tool.importlinter]), checked by the real
`lint-imports`: kept by the repository, and broken, by name, when a resolver imports the
schema."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
PACKAGES = (
    "db",
    "resolvers",
    "schema",
    "server",
    "cli",
    "tooling",
    "simulation",
    "loadtests",
    "benchmarks",
)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the packages under `root` (and only those: PYTHONPATH is `root`)."""
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=root,
        env=os.environ | {"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_repository_keeps_its_import_contracts() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_resolver_importing_the_schema_breaks_the_layers(tmp_path: Path) -> None:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    clock = tmp_path / "resolvers" / "clock.py"
    clock.write_text(clock.read_text(encoding="utf-8") + "\nimport schema  # noqa\n")

    done = lint_imports(tmp_path)

    assert done.returncode == 1, done.stdout + done.stderr
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert broken == ["The API imports down only: server, schema, resolvers, db BROKEN"]
    assert "resolvers.clock -> schema" in done.stdout
