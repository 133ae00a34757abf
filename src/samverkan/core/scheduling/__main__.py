"""``python -m samverkan.core.scheduling PATH --time-limit S``."""

import sys

from .cli import main

sys.exit(main())
