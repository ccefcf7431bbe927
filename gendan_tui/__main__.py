"""Allow ``python -m gendan_tui``."""

from gendan_tui.startup import main

raise SystemExit(main())
