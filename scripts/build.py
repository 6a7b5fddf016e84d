"""Build every portal: site/<id>/ for each (see portal/publishing/build.py).

    .venv/bin/python scripts/build.py                      # each at its own address
    .venv/bin/python scripts/build.py --base-url https://example.org/portal/   # all under one address
    .venv/bin/python scripts/build.py --kiosk              # kiosk variants -> build/kiosk/<id>/
    .venv/bin/python scripts/build.py --portal zone        # one portal only (a CI job per portal)
    .venv/bin/python scripts/build.py --index-only         # the page linking to the portals in site/,
                                                           # built by separate jobs (checks each is whole)
"""

import argparse
import sys
from pathlib import Path

from portal.errors import PortalError
from portal.publishing.build import LANGUAGE_MODES, build_all, index_portals

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="serve every portal under this address, at <base-url><id>/")
    parser.add_argument("--kiosk", action="store_true", help="build the kiosk variants (file://, no network)")
    parser.add_argument("--output", type=Path, help="default: site/, or build/kiosk/ with --kiosk")
    parser.add_argument("--languages", choices=LANGUAGE_MODES, default="auto",
                        help="render each portal's languages in one process (together) or one each (apart);"
                        " default: apart when there are fewer portals than cores")
    parser.add_argument("--portal", action="append", default=[], metavar="ID",
                        help="build only this portal (repeat for several); default: every portal")
    parser.add_argument("--index-only", action="store_true",
                        help="build nothing: write the page linking to the portals already in the output folder")
    args = parser.parse_args()
    output = args.output or (ROOT / ("build/kiosk" if args.kiosk else "site"))
    try:
        if args.index_only:
            index_portals(ROOT, output.resolve(), args.kiosk)
            print(f"{output / 'index.html'}")
            return 0
        built = build_all(ROOT, output.resolve(), args.base_url, args.kiosk, tuple(args.portal), args.languages)
    except PortalError as error:
        print(error, file=sys.stderr)
        return 1
    for portal in built:
        print(f"{portal.id}: {output / portal.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
