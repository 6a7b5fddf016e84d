"""Write the generated data pages (Markdown) and downloads to a folder, to
inspect what the build will publish. Also a quick way to check the data:
errors are printed with file, line and field, and the exit status is 1.

    .venv/bin/python scripts/generate.py [--out generated/]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portal.site.project import load_project
from portal.errors import PortalError, PortalErrors
from portal.generation.rendering import write

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the portal's mkdocs.yml")
    parser.add_argument("--out", default=str(ROOT / "generated"), help="folder to write to")
    args = parser.parse_args()
    try:
        project = load_project(Path(args.config).resolve())
    except (PortalError, PortalErrors) as error:
        print(error, file=sys.stderr)
        return 1
    written = write(project.generated, Path(args.out))
    print(f"{len(project.generated)} files in {args.out} ({len(written)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
