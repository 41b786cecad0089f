"""pyproject.toml's [tool.kit]: the quick reader agrees with TOML's, and anything else goes to TOML's."""

import tomllib

import pytest

from conftest import ROOT
from kit.config import Limits, _simple_table, load_limits
from kit.errors import KitError


def test_the_quick_reader_agrees_with_tomllib_on_the_kits_own_file():
    text = (ROOT / "pyproject.toml").read_text()
    assert _simple_table(text) == tomllib.loads(text)["tool"]["kit"]


@pytest.mark.parametrize("table", [
    "timeout = 'five'", "timeout = 5\ntimeout = 6", "timeout = [5]", "timeout = 5 junk", "timeout =",
    "nested = {a = 1}",
])
def test_anything_but_name_equals_number_goes_to_tomllib(table):
    assert _simple_table(f"[project]\nname = 'x'\n\n[tool.kit]\n{table}\n") is None


def test_limits_from_a_simple_table_and_clear_errors_otherwise(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.kit]\ntimeout = 2.5   # seconds\nseed = 7\n\n[other]\nx = 'y'\n")
    assert load_limits(tmp_path) == Limits(timeout=2.5, seed=7)
    (tmp_path / "pyproject.toml").write_text("[tool.kit]\nspeed = 3\n")
    with pytest.raises(KitError, match="unknown setting"):
        load_limits(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.kit]\ntimeout = \n")
    with pytest.raises(KitError, match=r"cannot read \[tool.kit\]"):
        load_limits(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.kit]\ntimeout = 'soon'\n")
    with pytest.raises(KitError, match="bad value"):
        load_limits(tmp_path)
