"""Widgets of the clerk's desk, each holding one piece of the screen."""
