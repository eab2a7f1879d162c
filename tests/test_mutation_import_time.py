"""Values micropath builds when its modules are imported, checked first.

mutmut records which tests reach each function while it runs the test selection once,
and credits everything that runs before the first test ends (module imports, during
collection) to that first test alone; a mutant is then run against those tests only.
This module is first in ``pytest_add_cli_args_test_selection`` (pyproject.toml), and
its first test checks what import builds, so that mutants of those functions are
tested:

1. ``micropath.options``: every plan option's :class:`~micropath.options.Field`
   (kind, unit, default, source, help, choices), built from the class's fields
   (``_meta``, ``_fields``).
2. ``micropath._school_file``: the lead keys a school file's ``[practices]`` take, one
   per authorization and role of its pathways (``_lead_keys``), and the message that
   lists them.
3. ``micropath.planner._checked_options``, which wraps ``plan``, ``earliest_start`` and
   the views' functions when their modules are imported: the keyword options each
   wrapper knows (those of the function it wraps), its did-you-mean, and its refusal of
   a keyword beside ``options=``. ``micropath`` imports the planner lazily, so this
   module imports it (and the modules it wraps functions of) itself: a mutant's run of
   this module alone must build them.
4. ``micropath.calendar``: the descriptors put on ``Calendar.holidays`` and
   ``half_days`` (``_FilledWhenRead``), which read an eager calendar's fields and fill
   a lazily built one's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import micropath as mp
import micropath.search
import micropath.views.page
from micropath.options import NAMES, Field, fields
from micropath.pathways import Authorization, Role
from micropath.schools import LeadPractice

LEAD_KEYS = {
    "cpt_decision": (Authorization.CPT, Role.DECISION),
    "cpt_preparation": (Authorization.CPT, Role.PREPARATION),
    "cpt_processing": (Authorization.CPT, Role.PROCESSING),
    "opt_decision": (Authorization.OPT, Role.DECISION),
    "opt_mailing": (Authorization.OPT, Role.MAILING),
    "opt_preparation": (Authorization.OPT, Role.PREPARATION),
    "opt_processing": (Authorization.OPT, Role.PROCESSING),
    "opt_recommendation": (Authorization.OPT, Role.RECOMMENDATION),
    "at_decision": (Authorization.AT, Role.DECISION),
    "at_preparation": (Authorization.AT, Role.PREPARATION),
    "at_processing": (Authorization.AT, Role.PROCESSING),
}


def test_what_import_builds(tmp_path: Path) -> None:
    """First in the mutation test selection: see the module's docstring."""
    _check_the_fields()
    _check_the_lead_keys(tmp_path)
    _check_the_wrapped_functions()
    _check_the_calendar_fields()


def _check_the_fields() -> None:
    by_name = {field.name: field for field in fields()}
    assert tuple(by_name) == NAMES
    assert len(NAMES) == len(set(NAMES)) == 16
    assert by_name["filing"] == Field(
        "filing",
        "choice",
        "",
        "'online'",
        "online-filing",
        "OPT only: how the I-765 is filed: 'online' (received when submitted, any day) "
        "or 'paper' (received on a USCIS business day)",
        ("online", "paper"),
        True,
    )
    assert by_name["terms_completed"] == Field(
        "terms_completed",
        "count",
        "terms",
        "None",
        "first-academic-year",
        "terms completed; fewer than one academic year (2) is not eligible where a rule "
        "asks for it",
    )
    assert by_name["premium"].unit == ""
    assert by_name["processing"].unit == "days"
    assert by_name["premium"].choices == ()
    assert all(field.text for field in fields())
    assert by_name["decision"].default == "7 business days"
    assert by_name["decision"].source == "capd-calendar"
    assert by_name["decision"].help == "the student's time to decide on the offer"


def _check_the_lead_keys(tmp_path: Path) -> None:
    path = tmp_path / "leads.toml"
    lines = [f"{name} = {amount}" for amount, name in enumerate(LEAD_KEYS)]
    path.write_text('key = "k"\nlabel = "K"\n[practices]\n' + "\n".join(lines), encoding="utf-8")
    assert mp.School.from_toml(path).leads == tuple(
        LeadPractice(kind, role, mp.days(amount), f"k:practices.{name}")
        for amount, (name, (kind, role)) in enumerate(LEAD_KEYS.items())
    )
    path.write_text('key = "k"\nlabel = "K"\n[practices]\ncpt_mailing = 3\n', encoding="utf-8")
    with pytest.raises(mp.SchoolFileError) as caught:
        mp.School.from_toml(path)
    keys = ", ".join(LEAD_KEYS)
    assert str(caught.value) == (
        f"leads.toml: practices.cpt_mailing must be one of the keys {keys}, cpt_minimum_terms, "
        "opt_minimum_terms, at_minimum_terms, filing_window (did you mean 'opt_mailing'?), "
        "got 'cpt_mailing'"
    )


def _check_the_wrapped_functions() -> None:
    keywords = ", ".join(sorted((*NAMES, "options")))
    for function in (mp.plan, micropath.search.earliest_start):
        with pytest.raises(mp.InvalidTypeError) as caught:
            function("CPT", "2027-01-04", procesing=3)  # type: ignore[call-arg]
        assert str(caught.value) == (
            f"options must be keyword options among {keywords} (did you mean 'processing'?), "
            "got 'procesing'"
        )
        with pytest.raises(mp.InvalidValueError) as refused:
            function("CPT", "2027-01-04", options=mp.PlanOptions(), premium=False)
        assert refused.value.parameter == "premium"
        with pytest.raises(mp.InvalidTypeError) as caught:
            function("CPT", "2027-01-04", start_date=3)  # type: ignore[call-arg]
        assert "did you mean" not in str(caught.value)
    with pytest.raises(mp.InvalidTypeError) as caught:
        micropath.views.page.report_html(mp.plan("CPT", "2027-01-04"), titel="x")  # type: ignore[call-arg]
    assert str(caught.value) == (
        "options must be keyword options among answers, labels, not_planned, timeline, title, "
        "today (did you mean 'title'?), got 'titel'"
    )


def _check_the_calendar_fields() -> None:
    eager = mp.Calendar({"2026-11-26": "Thanksgiving Day"}, half_days={"2026-11-27": "Friday"})
    assert eager.holidays == ((date(2026, 11, 26), "Thanksgiving Day"),)
    assert eager.half_days == ((date(2026, 11, 27), "Friday"),)
    path = Path(mp.__file__).parent.parent / "docs" / "example_school.toml"
    lazy = mp.School.from_toml(path).calendar  # built lazily, from its file's days
    assert (date(2026, 11, 26), "Thanksgiving Day") in lazy.holidays
    assert lazy == mp.Calendar(
        lazy.holidays, weekmask=lazy.weekmask, name=lazy.name, covers=lazy.covers,
        half_days=lazy.half_days,
    )  # fmt: skip
