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
from typing import Final, Literal

import attrs

from micropath.errors import InvalidTypeError, InvalidValueError
from micropath.sources import Source

__all__ = ["Finding", "Severity"]

Severity = Literal["reason", "notice", "advisory"]
"""``reason``: the plan is not feasible because of it; ``notice``: worth a second
look; ``advisory``: policy news in force (see :mod:`micropath.advisories`)."""


_SEVERITIES: Final = ("reason", "notice", "advisory")


def _parameters(value: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("parameters", "a mapping from name to value", value)
    for key in value:
        if not isinstance(key, str):
            raise InvalidTypeError("parameters", "names that are str", key)
    return tuple(value.items())


def _code(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    given: object = value  # checked at run time, whatever the annotation says
    if not isinstance(given, str) or not given:
        raise InvalidTypeError("code", "a non-empty str", value)


def _severity(_instance: object, _attribute: attrs.Attribute[Severity], value: str) -> None:
    if value not in _SEVERITIES:
        raise InvalidValueError("severity", "'reason', 'notice' or 'advisory'", value)


def _source(
    _instance: object, _attribute: attrs.Attribute[Source | None], value: Source | None
) -> None:
    if value is not None and not isinstance(value, Source):
        raise InvalidTypeError("source", "a micropath Source or None", value)


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

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(validator=_severity)
    parameters: tuple[tuple[str, object], ...] = attrs.field(converter=_parameters, default={})
    source: Source | None = attrs.field(default=None, validator=_source)

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


def _trusted(
    code: str,
    severity: Severity,
    parameters: tuple[tuple[str, object], ...],
    source: Source | None = None,
) -> Finding:
    """A finding from micropath's own, already checked parts, built without the
    validators (the planner makes one per infeasible plan, on its hot path): its
    slots are set directly, as attrs' own ``__init__`` of a frozen class does."""
    made: Finding = _new(Finding)
    _set_code(made, code)
    _set_severity(made, severity)
    _set_parameters(made, parameters)
    _set_source(made, source)
    return made


_new: Final = object.__new__
_set_code, _set_severity, _set_parameters, _set_source = (
    Finding.__dict__[field.name].__set__ for field in attrs.fields(Finding)
)
"""The setters of :class:`Finding`'s slots, in field order."""
