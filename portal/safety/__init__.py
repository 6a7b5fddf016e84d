"""What keeps a government portal from publishing what it must not: plain
text rules for every value editors give, one URL allowlist, the HTML a
Markdown page may contain, and a last check of every finished page."""
