"""Structured plan data (``data/*.yml``): one schema, loaded with positions so
that every error names file, line and field."""
