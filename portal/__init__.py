"""Cổng thông tin đối ngoại: static, multilingual foreign-information portals.

The package is laid out by job:

- ``i18n``     UI string tables per language (``vi.yml``, ``en.yml``, ``lo.yml``).
- ``content``  reading and checking what editors write (front matter, translations).
- ``site``     the portal's identity and languages, from configuration.
- ``engine``   the only part that knows MkDocs: a plugin that wires the rest
               into MkDocs events.
"""
