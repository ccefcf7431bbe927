"""Allow ``python -m gendan_tui``."""

from gendan_tui.cli import main

raise SystemExit(main())
