"""The shape of the code: layers without cycles (import-linter) and no private names
(`_x`) used across modules (an `ast` scan of every module of the package, `bench/` and
`scripts/`).

The private-name scan flags, in module M:
- `from vnnews.x import _name` (a private function, class or constant of another module);
- `x._name` where `x` is a vnnews module M imported;
- `obj._name` where `obj` is not `self`/`cls`/an outside library, and M defines no `_name`
  itself (so the attribute belongs to an object made by another module).
Tests may look inside the module they test; they are not scanned.
"""
from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCANNED = ("vnnews", "bench", "scripts")

# Underscore names that are public API of the standard library (namedtuple).
PUBLIC_UNDERSCORE = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    name: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code}"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name not in PUBLIC_UNDERSCORE


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    if level == 0:
        return target or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _is_submodule(module: str, name: str) -> bool:
    folder = REPO.joinpath(*module.split("."))
    return (folder / f"{name}.py").exists() or (folder / name / "__init__.py").exists()


def private_uses(path: Path) -> list[Use]:
    """Private names of other modules that the module at `path` uses."""
    rel = path.relative_to(REPO).as_posix()
    module, is_package = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    ours: set[str] = set()       # local names bound to vnnews modules
    outside: set[str] = set()    # local names bound to other libraries
    defined: set[str] = set()    # names this module defines (functions, classes, attributes)
    uses: list[Use] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, is_package, node.level, node.module)
            for alias in node.names:
                local = alias.asname or alias.name
                if source.split(".")[0] != "vnnews":
                    outside.add(local)
                elif _is_submodule(source, alias.name):
                    ours.add(local)
                elif _private(alias.name):
                    uses.append(Use(rel, node.lineno, alias.name, f"from {source} import {alias.name}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                (ours if alias.name.split(".")[0] == "vnnews" else outside).add(local)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            defined.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            defined.add(node.id)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        base = node.value
        if isinstance(base, ast.Name):
            if base.id in outside or base.id in ("self", "cls"):
                continue
            if base.id in ours:
                uses.append(Use(rel, node.lineno, node.attr, ast.unparse(node)))
                continue
        if node.attr not in defined:
            uses.append(Use(rel, node.lineno, node.attr, ast.unparse(node)))
    return uses


def all_private_uses() -> list[Use]:
    return [use for folder in SCANNED for path in sorted((REPO / folder).rglob("*.py"))
            for use in private_uses(path)]


def test_no_private_names_across_modules():
    found = [str(u) for u in all_private_uses()]
    assert not found, ("private names used across modules (make them public with a docstring, "
                       "or move them where they belong):\n" + "\n".join(found))


def test_the_scan_sees_each_kind_of_use(tmp_path, monkeypatch):
    """The checker itself: each kind of cross-module use is caught, local ones are not."""
    package = tmp_path / "vnnews"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "other.py").write_text("def _helper():\n    pass\n")
    (package / "sub" / "user.py").write_text(
        "import argparse\n"
        "from . import other\n"
        "from .other import _helper\n"
        "from ..sub.other import _helper as h2\n"
        "class Box:\n"
        "    def __init__(self):\n"
        "        self._mine = 1\n"
        "    def peek(self, box, archive, row):\n"
        "        return (self._mine, box._mine, archive._conn, other._helper,\n"
        "                argparse._SubParsersAction, row._asdict())\n")
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    found = sorted(u.code for u in private_uses(package / "sub" / "user.py"))
    assert found == ["archive._conn", "from vnnews.sub.other import _helper",
                     "from vnnews.sub.other import _helper", "other._helper"]


def test_layers_and_no_cycles():
    """The import-linter contracts in pyproject.toml (layers; no cycles between siblings)."""
    if importlib.util.find_spec("importlinter") is None:
        pytest.skip("needs import-linter (Python 3.11+; pip install -e '.[test]')")
    run = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    proc = subprocess.run([sys.executable, "-c", run, "--no-cache"], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    report = proc.stdout[proc.stdout.find("Contracts"):] + proc.stderr
    assert proc.returncode == 0, report
    assert "BROKEN" not in proc.stdout and " KEPT" in proc.stdout, report


def test_markers_follow_what_a_test_uses():
    """conftest's markers: found through fixtures and helpers, absent from plain tests."""
    import importlib.util

    from conftest import markers_for

    def load(relpath: str):
        """A test module by its path under tests/ (they sit in folders, not on sys.path)."""
        path = REPO / "tests" / relpath
        spec = importlib.util.spec_from_file_location(f"structure_check_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    test_dates, test_rules = load("test_dates.py"), load("nlp/test_rules.py")
    test_scrapers_crawl, test_web_browser = load("scrapers/test_scrapers_crawl.py"), load("web/test_web_browser.py")

    def marks(module, name):
        return markers_for(Path(module.__file__), getattr(module, name))

    assert marks(test_web_browser, "test_search_and_filter") == {"browser", "shared"}   # page -> browser fixture
    assert marks(test_rules, "test_cli_explain_flag") == {"subprocess"}
    assert marks(test_scrapers_crawl, "test_cli_fetch") >= {"subprocess"}
    assert marks(test_dates, "test_parse_date_reads_day_first") == set()
