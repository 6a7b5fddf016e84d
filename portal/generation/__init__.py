"""Turning plan data into pages: Markdown files (front matter and HTML) per
language, charts and downloads. Knows nothing of MkDocs."""
