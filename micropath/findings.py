"""Findings: reasons, notices and advisories as values.

A :class:`Finding` is what a plan, a cycle check or an internship found: a
stable ``code``, its dated ``parameters`` and its source. Code that decides
returns findings; only :mod:`micropath.views.text` turns them into sentences
(``str(finding)``).

>>> f = Finding("confidence-unused", "notice", {"confidence": 0.95})
>>> f.code, f["confidence"]
('confidence-unused', 0.95)
>>> str(f)[:40]
'confidence 0.95 changes nothing here: ev'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from micropath.errors import InvalidValueError
from micropath.sources import Source

__all__ = ["Finding", "Severity"]

Severity = Literal["reason", "notice", "advisory"]
"""``reason``: the plan is not feasible because of it; ``notice``: worth a second
look; ``advisory``: policy news in force (see :mod:`micropath.advisories`)."""


def _parameters(value: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(value.items())


@attrs.frozen
class Finding:
    """One finding: a stable code, its parameters and its source.

    Attributes:
        code: stable, kebab-case (``"window-opens-late"``); the list is in
            ``docs/schema.md``.
        severity: ``reason``, ``notice`` or ``advisory``.
        parameters: ``(name, value)`` pairs: dates, counts, names.
        source: the source of the rule behind it, or None.
    """

    code: str
    severity: Severity
    parameters: tuple[tuple[str, object], ...] = attrs.field(converter=_parameters, default={})
    source: Source | None = None

    def __getitem__(self, name: str) -> object:
        """The parameter called *name*."""
        for key, value in self.parameters:
            if key == name:
                return value
        known = ", ".join(key for key, _ in self.parameters) or "none"
        raise InvalidValueError("name", f"a parameter of {self.code!r} ({known})", name)

    def __str__(self) -> str:
        """The finding as one sentence (rendered by :mod:`micropath.views.text`)."""
        from micropath.views.text import sentence

        return sentence(self)
