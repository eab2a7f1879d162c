"""Draw the figures the docs embed: ``python docs/make_figures.py``.

Writes ``docs/_static/timeline.png``: the CPT, OPT and AT plans for IAP 2027
against CAPD's recruiting cycle, as :func:`micropath.plot_timeline` draws
them. Needs the ``plot`` extra. Run it again when the defaults change and
commit the picture.
"""

from __future__ import annotations

from pathlib import Path

import micropath as mp

STATIC = Path(__file__).resolve().parent / "_static"


def main() -> None:
    STATIC.mkdir(exist_ok=True)
    figure = mp.plot_timeline(mp.check_cycle(mp.recruiting_cycle(2027)))
    target = STATIC / "timeline.png"
    # No "Software" entry: the file then does not change with matplotlib's version.
    figure.savefig(target, dpi=110, metadata={"Software": None})
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
