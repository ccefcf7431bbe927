"""A realistic, deterministic demo data set (see ``generate``)."""

from gendan_tui.demo.generate import DEMO_CLERK, DemoSummary, build_demo

__all__ = ["DEMO_CLERK", "DemoSummary", "build_demo"]
