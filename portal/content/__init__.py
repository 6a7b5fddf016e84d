"""What editors write: Markdown pages with front matter, per language."""
