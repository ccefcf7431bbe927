"""gendan-tui: the order follow-up clerk's desk in the terminal."""

__version__ = "0.1.0"
