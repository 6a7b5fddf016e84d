"""Deploy a built portal to a static host (rsync), switching atomically.

    .venv/bin/python scripts/deploy.py site/city/ deploy@host:/srv/city --release "$(git rev-parse --short HEAD)"

The web server's document root must be <target>/current. See portal/publishing/deploy.py.
"""

import argparse
import sys
from pathlib import Path

from portal.errors import PortalError
from portal.publishing.deploy import deploy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site (e.g. site/)")
    parser.add_argument("target", help="a local folder or user@host:/path")
    parser.add_argument("--release", required=True, help="a name for this release, e.g. the commit")
    parser.add_argument("--keep", type=int, default=5, help="releases kept for rollback (default 5)")
    args = parser.parse_args()
    try:
        print(deploy(args.site, args.target, args.release, args.keep))
    except PortalError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
