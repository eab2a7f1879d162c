"""Sphinx configuration for micropath's documentation."""

from __future__ import annotations

import micropath

project = "micropath"
author = "micropath developers"
release = micropath.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_title = f"micropath {release}"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # "Attributes:" as fields, not a second copy of each attribute
# A bare ``date`` in a signature also names the ``date`` fields of Milestone,
# ClosedDay and CycleDate; Sphinx warns that the reference is ambiguous.
suppress_warnings = ["myst.xref_missing", "ref.python"]
