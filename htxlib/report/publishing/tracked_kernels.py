"""Kernel managers that record their kernels, so that Ctrl-C stops them at once.

A kernel that dies while it starts leaves a traceback on its stderr; the manager keeps that
stream so that the user is told its last line, not the whole traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
from typing import ClassVar

from jupyter_client.manager import AsyncKernelManager

#: A kernel's log line, as traitlets writes it: "[IPKernelApp] WARNING | …".
_KERNEL_LOG = re.compile(r"\[\w+\] [A-Z]+ \|")


class TrackedKernelManager(AsyncKernelManager):
    """A kernel manager that records its kernels, so that Ctrl-C can stop them at once."""

    live: ClassVar[set[TrackedKernelManager]] = set()
    #: Kernels launched and not yet cleaned up, each with the file its stderr goes to.
    launched: ClassVar[dict[TrackedKernelManager, object]] = {}
    #: Set when the run is stopped: a kernel still starting then is killed as it starts.
    stopping: ClassVar[bool] = False

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        # a kernel that dies at start prints a traceback ("ZMQError: Address already in
        # use"); the user is told its last line instead (see :meth:`died_saying`)
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed at clean-up
        kw["stderr"] = TrackedKernelManager.launched[self] = stderr
        await super()._async_launch_kernel(kernel_cmd, **kw)
        if TrackedKernelManager.stopping:  # stopped while it started: it fails now, not later
            self._kill(self)

    @classmethod
    def died_saying(cls) -> str:
        """Return the last line a kernel that has died wrote to its stderr ("" if none).

        A kernel's log lines ("[IPKernelApp] WARNING | …", which a healthy kernel writes
        too) are not why it died.
        """
        said = ""
        for manager, stderr in list(cls.launched.items()):
            process = getattr(manager.provisioner, "process", None)
            if process is None or process.poll() is not None:
                stderr.seek(0, os.SEEK_END)
                stderr.seek(max(0, stderr.tell() - 4096))
                text = stderr.read().decode("utf-8", "replace")
                lines = [x.strip() for x in text.splitlines() if x.strip()]
                lines = [x for x in lines if not _KERNEL_LOG.match(x)]
                said = lines[-1] if lines else said
        return said

    async def _async_post_start_kernel(self, **kw) -> None:
        TrackedKernelManager.live.add(self)
        await super()._async_post_start_kernel(**kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        TrackedKernelManager.live.discard(self)
        stderr = TrackedKernelManager.launched.pop(self, None)
        if stderr is not None:
            stderr.close()
        await super()._async_cleanup_resources(restart=restart)

    @classmethod
    def kill_all(cls) -> None:
        """Kill every kernel process, started or starting (their notebooks then fail at once).

        A kernel still starting (launched, not yet ready) is killed too, and one launched
        after this call is killed as it starts: a stop must not wait for it to time out.
        """
        cls.stopping = True
        for manager in list(cls.live | set(cls.launched)):
            cls._kill(manager)

    @staticmethod
    def _kill(manager: TrackedKernelManager) -> None:
        process = getattr(manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
