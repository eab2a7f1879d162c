"""A pytest plugin for mutation runs: registers the ``mutation`` Hypothesis profile.

Loaded with ``-p mutation_profile`` (see ``[tool.mutmut]`` in pyproject.toml and
``tests/mutation/run.sh``) before ``tests/conftest.py`` loads the profile named by
``HYPOTHESIS_PROFILE``. The profile makes a kill reproducible: every run draws the same
examples (``derandomize``, hence no example database shared between mutants), and no
verdict depends on timing (no deadline, no too-slow health check).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
