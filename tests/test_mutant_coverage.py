"""Every check can fail: each check id is named by some mutant's EXPECT (its "check", or its "also"
list, which test_grading verifies), so no check in the catalogue is always green."""

from __future__ import annotations

import pytest

from conftest import expectation, sessions, variants


def shown_failing(session) -> set[str]:
    shown = set()
    for path in variants("mutants", session.number):
        expect = expectation(path)
        shown.add(expect.get("check"))
        shown.update(expect.get("also", []))
    return shown


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_every_check_has_a_mutant_that_fails_it(session, plans):
    ids = [check.id for exercise in plans(session) for check in exercise.checks]
    missing = [i for i in ids if i not in shown_failing(session)]
    assert not missing, f"checks no mutant shows failing (add a mutant, list it in a mutant's 'also', or drop the check): {missing}"


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_every_expected_check_exists(session, plans):
    ids = {check.id for exercise in plans(session) for check in exercise.checks}
    unknown = sorted(shown_failing(session) - ids)
    assert not unknown, f"mutants name checks that do not exist: {unknown}"
