"""micropath: latest safe offer and filing dates for short internships that need
off-campus work authorization (CPT, OPT, AT).

The public surface is exactly ``__all__``; everything else is private.
"""

from micropath import calendars
from micropath.calendar import Calendar, ClosedDay
from micropath.errors import (
    InvalidTypeError,
    InvalidValueError,
    MicropathError,
    OutOfRangeError,
    UnknownNameError,
)

__version__ = "0.1.0"

__all__ = [
    "Calendar",
    "ClosedDay",
    "InvalidTypeError",
    "InvalidValueError",
    "MicropathError",
    "OutOfRangeError",
    "UnknownNameError",
    "__version__",
    "calendars",
]
