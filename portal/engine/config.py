"""Options of the ``portal`` plugin in ``mkdocs.yml`` (checked in depth by
:mod:`portal.site.identity`, which knows the languages)."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from portal.generation.home import SECTIONS
from portal.site.settings import OPTION_DEFAULTS as DEFAULTS


class KioskConfig(Config):
    """The build for the information points' touch screens (docs/kiosk.md)."""

    #: Large touch targets, a QR code to each page's public address, idle return.
    enabled = opt.Type(bool, default=DEFAULTS["kiosk"]["enabled"])
    #: Back to the home page after this many seconds without a touch.
    idle_seconds = opt.Type(int, default=DEFAULTS["kiosk"]["idle_seconds"])


class HomeConfig(Config):
    """The generated part of each language's home page (portal/generation/home.py)."""

    #: Which sections, in which order: audiences, news, events, figures, clarification.
    sections = opt.ListOfItems(opt.Choice(SECTIONS), default=DEFAULTS["home"]["sections"])
    #: Entry points per kind of reader (investors, visitors, press): pages inside a
    #: language folder; only those the portal publishes are shown, with their titles.
    audiences = opt.DictOfItems(opt.ListOfItems(opt.Type(str)), default=DEFAULTS["home"]["audiences"])


class PublicationsConfig(Config):
    """The printed publications (portal/printing/, docs/publications.md)."""

    #: Print the investment guide and the annual publication at each build.
    enabled = opt.Type(bool, default=DEFAULTS["publications"]["enabled"])
    #: The annual publication's year; 0: the year of the build.
    year = opt.Type(int, default=DEFAULTS["publications"]["year"])
    #: A4, A5 or letter.
    paper = opt.Type(str, default=DEFAULTS["publications"]["paper"])
    #: The printer's margins, as CSS writes them in millimetres: "20mm 18mm".
    margins = opt.Type(str, default=DEFAULTS["publications"]["margins"])


class PortalConfig(Config):
    #: This portal's id, named in ``portals:`` of articles and data
    #: (portal/site/portals.py). The top-level mkdocs.yml's portal is the
    #: umbrella portal, which publishes everything.
    id = opt.Type(str, default=DEFAULTS["id"])
    #: Pages and files of this portal only, laid over ``docs_dir`` (a file
    #: at the same path replaces the shared one). Relative to this config file.
    own_content = opt.Type(str, default=DEFAULTS["own_content"])
    #: The responsible agency: ``name`` and ``address`` per language, ``phone``,
    #: ``email``, and ``example: true`` while the details are placeholders.
    agency = opt.Type(dict, default=DEFAULTS["agency"])
    #: The spokesperson (press room): ``name`` and ``role`` per language,
    #: ``phone``, ``email``, ``example``.
    spokesperson = opt.Type(dict, default=DEFAULTS["spokesperson"])
    #: The contacts page, as a path inside each language folder.
    contact_page = opt.Type(str, default=DEFAULTS["contact_page"])
    #: The accessibility statement, linked from every page's footer.
    accessibility_page = opt.Type(str, default=DEFAULTS["accessibility_page"])
    #: ``primary`` and ``accent`` as ``#rrggbb``; both must reach 4.5:1
    #: contrast with white (WCAG AA).
    colors = opt.Type(dict, default=DEFAULTS["colors"])
    #: Folder of the structured plan data, relative to the project (the
    #: folder that holds ``docs_dir``).
    data_dir = opt.Type(str, default=DEFAULTS["data_dir"])
    #: Also write a search index that works from ``file://`` (the kiosk build:
    #: no server, and a browser fetches nothing there). Small sites only.
    search_offline = opt.Type(bool, default=DEFAULTS["search_offline"])
    #: The kiosk variant (``kiosk.yml``): ``enabled``, ``idle_seconds``.
    kiosk = opt.SubConfig(KioskConfig)
    #: The home page's generated sections and entry points.
    home = opt.SubConfig(HomeConfig)
    #: The web editor at ``admin/`` (portal/editor/): ``enabled``, ``backend`` (the git
    #: host that publishes: ``name``, ``repo``, ``branch``, ``base_url``, ``api_root``),
    #: ``publish_mode`` (docs/editors-guide.md).
    editor = opt.Type(dict, default=DEFAULTS["editor"])
    #: The printed publications: ``enabled``, ``year``, ``paper``, ``margins``.
    publications = opt.SubConfig(PublicationsConfig)
