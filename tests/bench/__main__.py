"""``python -m tests.bench``: see :mod:`tests.bench.runner`."""

import sys

from tests.bench.runner import main

sys.exit(main())
