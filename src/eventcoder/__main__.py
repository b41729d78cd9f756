"""``python -m eventcoder`` is the ``eventcoder`` command."""

from eventcoder.cli import run

run()
