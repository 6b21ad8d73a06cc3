"""Run the command-line interface: ``python -m cloudcentre``."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
