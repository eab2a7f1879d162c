"""PlanOptions is the one list of plan options.

Laws: plan() and earliest_start() take exactly PlanOptions' fields as keywords, with
the same defaults; PlanKeywords names the same; a PlanOptions value plans the same as
its keywords; the frozen value is hashable (the cache key); each field validates
its value and names itself in the error.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date

import attrs
import pytest

import micropath as mp
from micropath import options as options_module
from micropath.options import NAMES, PlanKeywords, PlanOptions, fields


@pytest.mark.parametrize("function", [mp.plan, mp.earliest_start])
def test_keyword_signatures_are_the_fields(function: object) -> None:
    parameters = inspect.signature(function).parameters  # type: ignore[arg-type]
    keywords = [n for n, p in parameters.items() if p.kind is p.KEYWORD_ONLY]
    assert keywords == [*NAMES, "options"]
    defaults = PlanOptions()
    for name in NAMES:
        # The keyword's default converts to the field's default.
        assert attrs.evolve(defaults, **{name: parameters[name].default}) == defaults


def test_plan_keywords_name_the_fields() -> None:
    assert tuple(PlanKeywords.__annotations__) == NAMES


def test_every_field_has_metadata_with_a_flag_and_help() -> None:
    for field in fields():
        assert field.flag == "--" + field.name.replace("_", "-")
        assert field.help
        assert field.default
        assert field.source
        if field.value == "choice":
            assert field.choices


def test_options_plan_the_same_as_keywords() -> None:
    given = {"premium": True, "filing": "paper", "program_end": date(2026, 12, 18)}
    opts = PlanOptions(**given)  # type: ignore[arg-type]
    assert mp.plan("OPT", "2027-01-04", options=opts) == mp.plan("OPT", "2027-01-04", **given)  # type: ignore[arg-type]
    assert mp.plan("OPT", "2027-01-04", options=opts).options == opts


def test_options_and_keywords_together_are_an_error() -> None:
    with pytest.raises(
        mp.InvalidValueError, match="premium must be left out when options= is given"
    ):
        mp.plan("OPT", "2027-01-04", options=PlanOptions(), premium=True)
    with pytest.raises(mp.InvalidTypeError, match="options must be a micropath PlanOptions"):
        mp.plan("OPT", "2027-01-04", options={"premium": True})  # type: ignore[arg-type]


@pytest.mark.parametrize("function", [mp.plan, mp.earliest_start])
@pytest.mark.parametrize(
    ("keyword", "value"), [("premium", False), ("filing", "online"), ("confidence", None)]
)
def test_a_keyword_at_its_default_with_options_is_an_error_too(
    function: Callable[..., object], keyword: str, value: object
) -> None:
    """Found by a tester: premium=False beside options=PlanOptions(premium=True) was
    silently ignored, as it equals the default."""
    opts = PlanOptions(premium=True, filing="paper", program_end=date(2026, 12, 18))
    with pytest.raises(mp.InvalidValueError) as info:
        function("OPT", "2027-01-04", options=opts, **{keyword: value})
    assert info.value.parameter == keyword


def test_the_frozen_value_is_hashable_and_equal_by_value() -> None:
    a = PlanOptions(processing=90, calendar={"uscis": mp.calendars.federal()})
    b = PlanOptions(processing=mp.days(90), calendar=(("uscis", mp.calendars.federal()),))
    assert a == b
    assert hash(a) == hash(b)
    assert a.calendar == (("uscis", mp.calendars.federal()),)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.premium = True  # type: ignore[misc]


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        ({"processing": -3}, mp.InvalidValueError, "processing must be"),
        ({"premium": 1}, mp.InvalidTypeError, "premium must be a bool, got 1"),
        ({"immediate_cpt": "yes"}, mp.InvalidTypeError, "immediate_cpt must be a bool"),
        ({"filing": "fax"}, mp.InvalidValueError, "filing must be 'online' or 'paper', got 'fax'"),
        ({"filing": 1}, mp.InvalidTypeError, "filing must be 'online' or 'paper', got 1"),
        ({"program_end": "2026-13-01"}, mp.InvalidValueError, "program_end must be"),
        ({"terms_completed": -1}, mp.InvalidValueError, "terms_completed must be a count from 0"),
        ({"terms_completed": 10**5000}, mp.InvalidValueError, "terms_completed must be a count"),
        ({"confidence": 0}, mp.InvalidValueError, "confidence must be a number in (0, 1]"),
        ({"calendar": {"dso": mp.Calendar()}}, mp.InvalidValueError, "calendar must be actors"),
        ({"school": "nowhere"}, mp.UnknownNameError, "school must be a micropath School, or 'mit'"),
        ({"premium": True, "processing": 5}, mp.InvalidValueError, "processing must be None"),
    ],
)
def test_each_field_validates_and_names_itself(
    given: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        PlanOptions(**given)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)
    with pytest.raises(error):
        mp.plan("OPT", "2027-01-04", **given)  # type: ignore[arg-type]


def test_filing_is_case_insensitive_and_paper_is_the_default() -> None:
    assert PlanOptions(filing=" Online ").filing == "online"
    assert PlanOptions().filing == options_module.PlanOptions().filing


@pytest.mark.parametrize(
    ("kind", "option", "value", "message"),
    [
        ("CPT", "mailing", 14, "mailing must be None for CPT (mailing applies to OPT only)"),
        (
            "AT",
            "premium",
            True,
            "premium must be False for AT (premium processing exists only for OPT)",
        ),
        (
            "OPT",
            "immediate_cpt",
            True,
            "immediate_cpt must be False for OPT (it is a CPT exception)",
        ),
    ],
)
def test_options_a_pathway_does_not_take_are_errors_derived_from_the_data(
    kind: str, option: str, value: object, message: str
) -> None:
    with pytest.raises(mp.InvalidValueError) as caught:
        mp.plan(kind, "2027-01-04", **{option: value})  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


class _Unusable:
    """A value no option takes."""


@pytest.mark.parametrize("function", [mp.plan, mp.earliest_start])
@pytest.mark.parametrize("name", [*NAMES, "options"])
def test_each_keyword_reaches_its_own_field(function: Callable[..., object], name: str) -> None:
    """``plan()`` passes its keywords on as a tuple in field order (cheaper than
    ``locals()``): a value given to one keyword is checked, and blamed, as that
    keyword, never a neighbour."""
    with pytest.raises(mp.MicropathError) as info:
        function("OPT", "2027-01-04", **{name: _Unusable()})
    assert info.value.parameter == name  # type: ignore[attr-defined]
