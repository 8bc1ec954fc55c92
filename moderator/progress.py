"""Progress of a long command (eval, classify --file, export, retention purge, audit verify), shown
on standard error only when it is a terminal. Piped or redirected (cron, scripts, tests) it prints
nothing, so what a command writes for machines stays clean.

Service functions never draw anything: they take an optional ``progress(done, total)`` callback,
and the CLI passes the one this module gives it."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import IO, Callable, Iterator

# (done so far, total or None when not known yet)
Report = Callable[[int, "int | None"], None]


def _silent(done: int, total: int | None = None) -> None:
    return None


def on_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or already closed
        return False


def _columns(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


@contextmanager
def shown(what: str, *, unit: str = "item", stream: IO[str] | None = None) -> Iterator[Report]:
    """A ``progress(done, total)`` callback that draws a bar on ``stream`` (standard error) when it is
    a terminal, and does nothing otherwise."""
    stream = stream if stream is not None else sys.stderr
    if not on_terminal(stream):
        yield _silent
        return
    from tqdm import tqdm

    # A terminal that reports no width (some CI and serial consoles) would get an empty bar.
    bar = tqdm(desc=what, unit=unit, file=stream, leave=False, mininterval=0.25,
               **({} if _columns(stream) else {"ncols": 80, "nrows": 24}))

    def report(done: int, total: int | None = None) -> None:
        if total is not None and bar.total != total:
            bar.total = total
            bar.refresh()
        if done != bar.n:
            bar.update(done - bar.n)

    try:
        yield report
    finally:
        bar.close()
