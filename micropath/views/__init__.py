"""Views: ways to present a :class:`~micropath.planner.Plan`. Views never compute dates."""
