"""python -m laycoach: the laycoach command."""
import sys

from .cli import main

sys.exit(main())
