"""What every `vnnews` command writes on standard error: `vnnews <command>: <message>`.

    >>> import sys
    >>> sys.stderr = sys.stdout
    >>> fail("crawl", "--max must be at least 1", 2)
    vnnews crawl: --max must be at least 1
    2
    >>> sys.stderr = sys.__stderr__
"""
from __future__ import annotations

import sys


def say(command: str, message: str) -> None:
    """Write `vnnews <command>: <message>` on standard error (a note or a skipped input)."""
    print(f"vnnews {command}: {message}", file=sys.stderr)


def fail(command: str, message: str, status: int = 1) -> int:
    """Say what went wrong and give the exit status the command returns (1, or 2 for a
    usage error)."""
    say(command, message)
    return status
