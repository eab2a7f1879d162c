"""Pathways carry their rules as data, and the planner applies them in a loop.

Checks: every rule has a kind (regulation or practice) and a known source; every
pathway's steps have roles and a filing milestone; the planner and the modules above
it hold no branch on a particular authorization; a plan lists the rules that applied.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import micropath as mp
from micropath.pathways import PATHWAYS, Pathway, Role
from micropath.sources import SOURCES

ROOT = Path(__file__).resolve().parent.parent
ALL_PATHWAYS = [path for paths in PATHWAYS.values() for path in paths]
BRANCH = re.compile(
    r"Authorization\.(CPT|OPT|AT)\b|[=!]= *['\"](CPT|OPT|AT)['\"]|\.option *==|step\.begins *=="
)


@pytest.mark.parametrize(
    "module",
    [
        "micropath/planner.py",
        "micropath/search.py",
        "micropath/cycle.py",
        "micropath/comparison.py",
        *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "micropath" / "views").glob("*.py")),
    ],
)
def test_no_authorization_specific_branch(module: str) -> None:
    text = (ROOT / module).read_text(encoding="utf-8")
    assert BRANCH.findall(text) == []


@pytest.mark.parametrize("path", ALL_PATHWAYS, ids=lambda p: f"{p.authorization.value}{p.category}")
def test_every_rule_has_a_kind_and_a_source(path: Pathway) -> None:
    for rule in (*path.rules, *path.premium, *path.charges):
        assert rule.kind in ("regulation", "practice")
        assert rule.source in SOURCES
    for step in path.steps:
        assert isinstance(step.role, Role)
        assert step.source in SOURCES
    assert [s.begins for s in path.steps].count(path.filing) == 1


def test_builtin_school_rules_are_practice() -> None:
    for school in (mp.schools.mit(), mp.schools.generic()):
        for _, rule in school.eligibility:
            assert rule.kind == "practice"
            assert SOURCES[rule.source].kind == "practice"
        for practice in school.leads:
            assert practice.source in SOURCES


def test_rules_page_gives_each_rule_kind() -> None:
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    used = {rule.source for path in ALL_PATHWAYS for rule in (*path.rules, *path.premium)}
    used |= {rule.source for _, rule in mp.schools.mit().eligibility}
    for key in sorted(used):
        row = next((line for line in rules.splitlines() if f"`{key}`" in line), "")
        assert SOURCES[key].kind in row, key


def test_a_plan_lists_the_rules_that_applied() -> None:
    cpt = mp.plan("CPT", "2027-01-04", immediate_cpt=True)
    assert cpt.rules == ()  # the one-academic-year rules are waived
    opt = mp.plan("OPT", "2027-01-04", premium=True)
    names = [type(rule).__name__ for rule in opt.rules]
    assert names.count("PremiumRule") == 1
    assert "Charge" in names
    at = mp.plan("AT", "2027-01-04")
    assert {rule.kind for rule in at.rules} == {"practice"}  # MIT's one academic year
    assert mp.plan("AT", "2027-01-04", school="generic").rules == ()


def test_the_public_surface_is_sorted_and_resolves() -> None:
    assert mp.__all__ == sorted(mp.__all__)
    for name in mp.__all__:
        assert getattr(mp, name) is not None


def test_every_public_name_loads_lazily_from_the_module_the_type_checker_sees() -> None:
    import ast
    import subprocess
    import sys

    import micropath

    source = (ROOT / "micropath" / "__init__.py").read_text(encoding="utf-8")
    seen: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("micropath"):
            for alias in node.names:
                seen[alias.name] = (
                    f"micropath.{alias.name}" if node.module == "micropath" else node.module
                )
    assert seen == micropath._WHERE
    assert set(micropath._WHERE) | {"__version__"} == set(micropath.__all__)
    # import micropath alone imports neither holidays nor the planner.
    code = (
        "import sys, micropath; "
        "print(sorted(m for m in ('holidays', 'micropath.planner') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("authorization", "given", "expected"),
    [
        ("CPT", {}, ["terms_completed", "academic_year_completes"]),
        ("CPT", {"terms_completed": 2}, [None, "academic_year_completes"]),
        ("AT", {"academic_year_completes": date(2026, 5, 31)}, ["terms_completed", None]),
        (
            "OPT",
            {},
            ["terms_completed", "academic_year_completes", "academic_year_completes", None, None],
        ),
        (
            "OPT",
            {"terms_completed": 3, "academic_year_completes": date(2026, 5, 31)},
            [None, None, None, None, None],
        ),
        # A school practice window counts from the start: always checked.
        (
            "CPT",
            {
                "filing_window": 45,
                "terms_completed": 2,
                "academic_year_completes": date(2026, 5, 31),
            },
            [None, None, None],
        ),
        # Post-completion: the window and the start limit count from the program end.
        ("OPT", {"program_end": date(2026, 12, 18)}, ["terms_completed", None, None, None, None]),
    ],
)
def test_rules_applied_say_which_were_not_checked(
    authorization: str, given: dict[str, object], expected: list[str | None]
) -> None:
    """A rule that counts from an option not given, or an eligibility rule without
    ``terms_completed``, is listed as not checked, in text, JSON and on the page."""
    from micropath.views.page import report_html

    plan = mp.plan(authorization, "2027-01-04", **given)  # type: ignore[arg-type]
    assert [plan.not_checked(rule) for rule in plan.rules] == expected
    assert [rule["not_checked"] for rule in plan.to_dict()["rules"]] == expected
    text = plan.explain()
    page = report_html(plan, timeline=False)
    for option in filter(None, expected):
        assert f"(not checked: {option} not given)" in text
        assert f"(not checked: {option} not given)" in page
    if not any(expected):
        assert "not checked" not in text
        assert "not checked" not in page
