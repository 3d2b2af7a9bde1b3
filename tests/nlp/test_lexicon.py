"""One lexicon shape: each component's word lists in a frozen `Lexicon` built by one cached
`load()` (vnnews/nlp/lexicon.py), and each word list in one resource file."""
from __future__ import annotations

import ast
import dataclasses
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import vnnews.nlp as nlp
from vnnews.nlp import lexicon

REPO = Path(__file__).resolve().parents[2]

def _import_all() -> None:
    for info in pkgutil.walk_packages(nlp.__path__, nlp.__name__ + "."):
        importlib.import_module(info.name)


def test_lexicon_doctest():
    failures, tried = doctest.testmod(lexicon)
    assert tried > 0 and failures == 0


def test_every_component_loads_one_frozen_lexicon_once():
    _import_all()
    loaders = lexicon.loaders()
    assert {"officials", "instructions", "figures", "locations", "documents", "docnumbers"} <= set(loaders)
    for component, load in loaders.items():
        lex = load()
        assert load() is lex, component                       # cached: built once per process
        assert type(lex).__name__ == "Lexicon", component
        assert dataclasses.is_dataclass(lex) and type(lex).__dataclass_params__.frozen, component
        field = dataclasses.fields(lex)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(lex, field, None)


def test_clear_reloads():
    from vnnews.nlp.figures import load

    first = load()
    lexicon.clear()
    assert load() is not first and load().unit_map == first.unit_map


LEVELS = {"xã", "phường", "huyện", "quận", "tỉnh", "trấn", "thôn", "ấp", "tinh", "huyen", "xa", "phuong"}


def _level_lists() -> list[tuple[str, int]]:
    """(file, line) of each set, tuple, list or dict literal in vnnews/ that lists three level
    words or more."""
    found = []
    for path in sorted((REPO / "vnnews").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict)):
                elts = node.keys if isinstance(node, ast.Dict) else node.elts
                words = {e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if len(words & LEVELS) >= 3:
                    found.append((path.relative_to(REPO).as_posix(), node.lineno))
    return found


def test_no_list_of_level_words_written_in_code():
    """Level words are data (resources/gazetteer/tiers.tsv, level_syllables.tsv): no set, tuple,
    list or dict literal in vnnews/ lists three level words or more."""
    found = [f"{path}:{line}" for path, line in _level_lists()]
    assert not found, found
