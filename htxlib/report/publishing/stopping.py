"""SIGTERM and SIGHUP stop a run as Ctrl-C does, so that it cleans up on the way out.

A run stopped by the system (a closed terminal, a service manager, ``kill``) then stops its
kernels and converters and removes its private folders, instead of dying where it stands.
"""

from __future__ import annotations

import signal
import threading


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, SIGHUP): it stops as on Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum, _frame) -> None:
    raise Stopped(signum)


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Stopped`, so that the run cleans up as on Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
