"""The documentation stays in step with the code.

Laws: every source key, fee amount and premium rule in the code appears in
``docs/rules.md``; every name in ``micropath.__all__`` is documented in
``docs/api.md`` or is a documented module; the schema page names every key
``Plan.to_dict()`` produces and every finding code. (The CLI page's options
table is checked against the PlanOptions fields in ``tests/test_cli.py``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

import micropath as mp
from micropath.pathways import PREMIUM_PROCESSING

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def rules() -> str:
    return (DOCS / "rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(mp.SOURCES))
def test_every_source_is_in_the_rules_page(rules: str, key: str) -> None:
    assert f"`{key}`" in rules


@pytest.mark.parametrize("fee", mp.FEES, ids=lambda f: f"{f.kind}-{f.effective}")
def test_every_fee_is_in_the_rules_page(rules: str, fee: mp.Fee) -> None:
    assert f"${fee.amount:,}" in rules
    assert fee.effective.isoformat() in rules


@pytest.mark.parametrize("rule", PREMIUM_PROCESSING, ids=lambda r: str(r.first))
def test_every_premium_rule_is_in_the_rules_page(rules: str, rule: object) -> None:
    assert rule.first.isoformat() in rules  # type: ignore[attr-defined]


def test_every_public_name_is_in_the_api_reference() -> None:
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    # Modules documented through their functions, and Notice, an alias of Finding.
    skip = {"__version__", "SOURCES", "FEES", "calendars", "schools", "Notice"}
    assert ".. automodule:: micropath.errors" in api  # documents every exception class

    def is_error(name: str) -> bool:
        value = getattr(mp, name)
        return isinstance(value, type) and issubclass(value, Exception)

    missing = [
        name
        for name in mp.__all__
        if name not in skip and not is_error(name) and f"micropath.{name}\n" not in api + "\n"
    ]
    assert missing == []


def test_the_schema_page_names_every_key() -> None:
    schema = (DOCS / "schema.md").read_text(encoding="utf-8")
    data = mp.plan("OPT", "2027-01-04", premium=True, confidence=0.9).to_dict()
    assert data["notices"]
    assert data["rules"]
    keys = set(data) | set(data["milestones"][0]) | set(data["notices"][0]) | set(data["rules"][0])
    assert sorted(k for k in keys if f"`{k}`" not in schema) == []
    assert f"(now `{data['schema']}`)" in schema


def test_the_schema_page_lists_every_finding_code() -> None:
    from micropath.views.text import _SENTENCES

    schema = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert sorted(code for code in _SENTENCES if f"`{code}`" not in schema) == []
