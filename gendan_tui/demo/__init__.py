"""A realistic, deterministic demo data set (see ``generate``)."""

from gendan_tui.demo.generate import DEMO_CLERK, DEMO_PASSWORD, DemoSummary, build_demo

__all__ = ["DEMO_CLERK", "DEMO_PASSWORD", "DemoSummary", "build_demo"]
