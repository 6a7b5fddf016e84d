"""Options of the ``portal`` plugin in ``mkdocs.yml`` (checked in depth by
:mod:`portal.site.identity`, which knows the languages)."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class PortalConfig(Config):
    #: The responsible agency: ``name`` and ``address`` per language, ``phone``,
    #: ``email``, and ``example: true`` while the details are placeholders.
    agency = opt.Type(dict, default={})
    #: The spokesperson (press room): ``name`` and ``role`` per language,
    #: ``phone``, ``email``, ``example``.
    spokesperson = opt.Type(dict, default={})
    #: The contacts page, as a path inside each language folder.
    contact_page = opt.Type(str, default="contacts.md")
    #: The accessibility statement, linked from every page's footer.
    accessibility_page = opt.Type(str, default="accessibility.md")
    #: ``primary`` and ``accent`` as ``#rrggbb``; both must reach 4.5:1
    #: contrast with white (WCAG AA).
    colors = opt.Type(dict, default={})
    #: Folder of the structured plan data, relative to mkdocs.yml.
    data_dir = opt.Type(str, default="data")
    #: Also write a search index that works from ``file://`` (the kiosk build:
    #: no server, and a browser fetches nothing there). Small sites only.
    search_offline = opt.Type(bool, default=False)
