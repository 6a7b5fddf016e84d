"""Same as `portal new`: see portal/cli.py or `portal --help`."""

import sys

from portal.cli import main

sys.exit(main(["new", *sys.argv[1:]]))
