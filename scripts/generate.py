"""Write the generated data pages (Markdown) and downloads to a folder, to
inspect what the build will publish. Also a quick way to check the data:
errors are printed with file, line and field, and the exit status is 1.

    .venv/bin/python scripts/generate.py [--out generated/]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config

from portal.data.load import load_portfolio
from portal.errors import PortalError, PortalErrors
from portal.generation.pages import generate
from portal.generation.rendering import write
from portal.site.languages import check_languages

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the portal's mkdocs.yml")
    parser.add_argument("--out", default=str(ROOT / "generated"), help="folder to write to")
    args = parser.parse_args()
    config_file = Path(args.config).resolve()
    config = load_config(str(config_file))
    i18n = config.plugins["i18n"]
    portal = config.plugins["portal"]
    declared = [(lang.locale, bool(lang.default)) for lang in i18n.config.languages]
    try:
        languages = check_languages(declared, Path(config.docs_dir), config_file.name)
        default = next(lang.code for lang in languages if lang.default)
        portfolio = load_portfolio(
            config_file.parent / portal.config.data_dir, [lang.code for lang in languages], default, config_file.parent
        )
    except (PortalError, PortalErrors) as error:
        print(error, file=sys.stderr)
        return 1
    files = generate(portfolio, languages, directory_urls=config.use_directory_urls)
    written = write(files, Path(args.out))
    print(f"{len(files)} files in {args.out} ({len(written)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
