"""Storage: peewee models, database binding and migrations; no Textual, no domain rules."""
