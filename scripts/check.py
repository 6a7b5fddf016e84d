"""Same as `portal check`: see portal/cli.py or `portal --help`."""

import sys

from portal.cli import main

sys.exit(main(["check", *sys.argv[1:]]))
