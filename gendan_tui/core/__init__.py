"""Domain rules and services; nothing here imports Textual."""
