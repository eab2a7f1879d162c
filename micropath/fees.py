"""Government fees, as effective-dated data with sources.

A fee applies to filings on or after its ``effective`` date until the next
fee of the same kind takes over. Amounts are whole US dollars. The table is
the record; nothing in code is a bare fee.

Sources (checked 2026-11-28; see ``docs/rules.md``):

* I-765 filing fee: $410 from 2016-12-23 (USCIS fee rule, 81 FR 73292);
  $520 on paper or $470 online from 2024-04-01 (USCIS fee rule, 89 FR 6194,
  published 2024-01-31). The fees H.R. 1 (2025) added for some EAD
  categories do not cover (c)(3)(A) OPT. No later change to the (c)(3)(A)
  fee was found (medium confidence that $520/$470 is still in force).
* Premium processing (Form I-907) for (c)(3)(A) OPT: $1,500 when it began
  (2023-03-06), $1,685 from 2024-02-26 (88 FR 89539), $1,780 from
  2026-03-01 (inflation adjustment, 91 FR 1059; the amount is confirmed by
  secondary sources only).

Fees before the earliest entry are unknown to micropath: :func:`fee_on`
returns None rather than guess.

>>> fee_on("i765", date(2024, 3, 31)).amount, fee_on("i765", date(2024, 4, 1)).amount
(410, 520)
>>> fee_on("premium", date(2026, 3, 1)).amount
1780
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

import attrs

from micropath._convert import DateLike, to_date
from micropath.errors import UnknownNameError
from micropath.sources import Confidence

__all__ = ["FEES", "Cost", "Fee", "FeeKind", "fee_on"]

FeeKind = Literal["i765", "premium"]


@attrs.frozen
class Fee:
    """One fee in force from *effective* on."""

    kind: FeeKind
    name: str
    amount: int
    effective: date
    citation: str
    confidence: Confidence
    online_amount: int | None = None
    """The fee when filed online, where it differs."""


@attrs.frozen
class Cost:
    """What a plan costs on its filing date: one fee."""

    name: str
    amount: int
    effective: date
    citation: str
    note: str = ""


FEES: Final = (
    Fee("i765", "Form I-765 filing fee", 410, date(2016, 12, 23),
        "USCIS fee rule, 81 FR 73292 (2016)", "H"),
    Fee("i765", "Form I-765 filing fee", 520, date(2024, 4, 1),
        "USCIS fee rule, 89 FR 6194 (2024-01-31)", "M", online_amount=470),
    Fee("premium", "Premium processing fee (Form I-907)", 1500, date(2023, 3, 6),
        "USCIS premium processing for (c)(3)(A) OPT (2023)", "H"),
    Fee("premium", "Premium processing fee (Form I-907)", 1685, date(2024, 2, 26),
        "USCIS premium fee rule, 88 FR 89539 (2023-12-28)", "H"),
    Fee("premium", "Premium processing fee (Form I-907)", 1780, date(2026, 3, 1),
        "USCIS inflation adjustment, 91 FR 1059 (2026-01-12)", "M"),
)  # fmt: skip
"""Every fee micropath knows, oldest first within each kind."""


def fee_on(kind: FeeKind, day: DateLike) -> Fee | None:
    """The fee of *kind* in force on *day* (a date or ISO string), or None if
    micropath does not know it."""
    given: object = kind  # checked at run time, whatever the annotation says
    if not isinstance(given, str) or given not in ("i765", "premium"):
        raise UnknownNameError("kind", "'i765' or 'premium'", given)
    when = to_date(day, "day")
    current = None
    for fee in FEES:
        if fee.kind == kind and fee.effective <= when:
            current = fee
    return current
