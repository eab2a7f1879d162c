"""The errors micropath raises.

Every error is a :class:`MicropathError` *and* the builtin a caller would
catch anyway (``ValueError`` or ``TypeError``), so ``except ValueError`` keeps
working in code that never heard of micropath. Each carries the offending
``parameter``, what was ``expected`` and what it ``got``, and says all three
in its message.

>>> from micropath.errors import InvalidValueError
>>> err = InvalidValueError("processing", "at least 0 days", -3)
>>> str(err)
'processing must be at least 0 days, got -3'
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "BatchInputError",
    "InvalidTypeError",
    "InvalidValueError",
    "MicropathError",
    "MissingExtraError",
    "OutOfRangeError",
    "PremiumUnavailableError",
    "SchoolFileError",
    "StartOutOfSpanError",
    "UnknownNameError",
]


class MicropathError(Exception):
    """Base class of every error micropath raises on purpose."""


class _ParameterError(MicropathError):
    """An argument was wrong: names the parameter, the expectation and the value."""

    parameter: str
    expected: str
    got: object

    def __init__(self, parameter: str, expected: str, got: object) -> None:
        self.parameter = parameter
        self.expected = expected
        self.got = got
        super().__init__(f"{parameter} must be {expected}, got {_show(got)}")

    def __reduce__(self) -> tuple[type[_ParameterError], tuple[str, str, object]]:
        """Pickle by the three parts, so errors cross process boundaries."""
        return (type(self), (self.parameter, self.expected, self.got))


class InvalidTypeError(_ParameterError, TypeError):
    """An argument had the wrong type (a datetime where a date is meant, a float count)."""


class InvalidValueError(_ParameterError, ValueError):
    """An argument had the right type but an unusable value (a malformed date string)."""


class OutOfRangeError(InvalidValueError):
    """A date, or the result of date arithmetic, fell outside what is supported.

    Raised for arithmetic past ``date.min`` or ``date.max`` and for dates outside
    the years a built-in calendar covers.
    """


class SchoolFileError(InvalidValueError):
    """A school file (TOML) could not be read, or a key in it is unknown, missing
    or wrong. ``parameter`` is ``"<file>: <key>"`` (``"uni.toml: practices.cpt_processing"``).
    """


class StartOutOfSpanError(OutOfRangeError):
    """The plan of a first day of work would leave the calendars' span.

    The start is to blame (``parameter`` is ``"start"``), not a lead: code that
    searches for a start (:func:`~micropath.earliest_start`, a recruiting
    cycle) catches this class to try another start.
    """


class PremiumUnavailableError(OutOfRangeError):
    """Premium processing was not in force early enough for the filing a plan needs.

    ``parameter`` is ``"premium"``: the plan exists without premium processing,
    so a caller that compares both (a recruiting cycle) catches this class and
    reports premium as no help.

    >>> import pickle
    >>> err = PremiumUnavailableError("premium", "False for this start", True)
    >>> type(pickle.loads(pickle.dumps(err))) is PremiumUnavailableError
    True
    """


class UnknownNameError(InvalidValueError):
    """A name (authorization, calendar, option) is not one micropath knows.

    The ``expected`` part of the message lists the valid names.
    """


class BatchInputError(MicropathError, ValueError):
    """A batch input (or output) cannot be used at all, so no row is planned: a
    missing or unreadable file, not UTF-8, no header row, an unknown column.

    The message names the file and, where it can, the line.
    """


_EXTRA_REQUIREMENTS = {
    "ics": "icalendar>=5.0",
    "pandas": "pandas>=2.0",
    "plot": "matplotlib>=3.7",
    "xlsx": "openpyxl>=3.1",
}
"""What each optional extra installs (as in setup.cfg)."""


class MissingExtraError(MicropathError, ImportError):
    """An optional dependency a view needs is not installed.

    The message names the function, the package to install and the extra that
    brings it; ``extra`` and ``function`` carry the same as data, and ``name``
    (as on any :class:`ImportError`) the module that is missing. It names the
    package itself because "micropath" on PyPI is an unrelated project.

    >>> err = MissingExtraError("to_ics", "ics", module="icalendar")
    >>> str(err)
    "to_ics needs icalendar (micropath's 'ics' extra): pip install 'icalendar>=5.0'"
    >>> isinstance(err, ImportError), err.name
    (True, 'icalendar')
    """

    function: str
    extra: str

    def __init__(self, function: str, extra: str, *, module: str | None = None) -> None:
        self.function = function
        self.extra = extra
        requirement = _EXTRA_REQUIREMENTS.get(extra, extra)
        package = requirement.partition(">")[0]
        super().__init__(
            f"{function} needs {package} (micropath's {extra!r} extra): "
            f"pip install '{requirement}'",
            name=module,
        )

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str], dict[str, object]]:
        return type(self), (self.function, self.extra), {"name": self.name}


def _show(value: object) -> str:
    """Render a bad value for a message: its repr, shortened, with its type if unclear.

    A value whose repr fails (an int of more digits than ``str`` may print) is
    described instead, so that the error itself never fails.

    >>> _show(-(10**5000))
    'a negative int of 5001 digits'
    """
    try:
        text = repr(value)
    except Exception:
        if isinstance(value, int):
            return _int_text(value)
        return f"an unprintable {type(value).__module__}.{type(value).__qualname__}"
    if len(text) > 80:
        text = text[:77] + "..."
    if isinstance(value, (str, int, float)) or value is None:
        return text
    return f"{text} ({type(value).__module__}.{type(value).__qualname__})"


def _brief(value: object) -> str:
    """A short repr of *value*, to name an item (``holidays['2027-01-04']``); never fails."""
    try:
        text = repr(value)
    except Exception:
        return _int_text(value) if isinstance(value, int) else type(value).__qualname__
    return text if len(text) <= 40 else text[:37] + "..."


def _int_text(value: int) -> str:
    """*value* in decimal, or, past the 4300 digits ``str`` prints, its number of digits.

    >>> _int_text(-120), _int_text(10**5000)
    ('-120', 'an int of 5001 digits')
    """
    try:
        return str(value)
    except ValueError:
        size = abs(value)
        digits = int(size.bit_length() * 0.30102999566398120)  # log10(2): at most one short
        if size >= 10**digits:
            digits += 1
        return f"{'a negative' if value < 0 else 'an'} int of {digits} digits"
