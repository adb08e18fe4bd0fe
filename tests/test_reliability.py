"""Every fault-injection case of bench/fault_injection.py, as a test (with a tiny model).

The cases are defined once, in the script; here each must end with nothing lost, within its
time budget. `python bench/fault_injection.py` prints the same cases as a table.
"""

from __future__ import annotations

import pytest

from bench.fault_injection import CASES, Case, Context, run_case


@pytest.fixture(scope="module")
def ctx(tmp_path_factory, tiny_model_dir) -> Context:
    return Context(tmp_path_factory.mktemp("faults"), tiny_model_dir)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in CASES],
)
def test_fault_case(case: Case, ctx: Context):
    outcome = run_case(case, ctx)
    assert outcome.nothing_lost, f"{case.id}: {outcome.happened} -> {outcome.result}: {outcome.why}"


def test_every_group_is_covered():
    groups = {c.group for c in CASES}
    assert groups == {"article", "corpus", "index", "model", "batch", "safety"}
    assert len({c.id for c in CASES}) == len(CASES)
