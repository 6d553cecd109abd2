"""SIGTERM and SIGHUP stop a run as Ctrl-C does, so that it cleans up on the way out.

A run stopped by the system (a closed terminal, a service manager, ``kill``) then stops its
kernels and converters and removes its private folders, instead of dying where it stands.

A stop is raised where the main thread stands, except inside Python's import machinery:
raised there, it can be lost (Python ignores an exception raised in a clean-up callback of
an import) or leave the import lock held, so that the run waits forever. Such a signal is
sent again a moment later, until it lands outside an import. Ctrl-C is handled the same way.
"""

from __future__ import annotations

import os
import signal
import threading

#: How soon a signal that landed inside an import is sent again, in seconds.
RETRY_SECONDS = 0.05


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, SIGHUP): it stops as on Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _importing(frame) -> bool:
    """Tell whether the main thread stands inside Python's import machinery."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _stop(signum, frame) -> None:
    if _importing(frame):
        threading.Timer(RETRY_SECONDS, os.kill, (os.getpid(), signum)).start()
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Stopped`, and Ctrl-C into KeyboardInterrupt.

    Each is raised outside an import (see the module's description). A SIGINT that the
    process was started ignoring (a job started in the background) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _stop)
