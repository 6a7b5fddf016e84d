"""Site search: a chunked index per language (Pagefind), built from the
finished HTML, and a script-tag index for sites opened from ``file://``.

Why Pagefind and not the theme's search, with figures: ``docs/search.md``.
"""
