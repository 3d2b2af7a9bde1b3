"""`vnnews crawl` sub-commands (not built yet)."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this group's sub-commands to the `vnnews` parser."""
