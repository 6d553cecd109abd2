"""The papermill engine that runs a notebook on a warm kernel (see :mod:`.kernels`).

Importing this module registers the engine under :data:`ENGINE`, and papermill's local
files as :class:`AbsoluteLocalHandler` reads and writes them.
"""

from __future__ import annotations

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.iorw import LocalHandler, papermill_io
from papermill.log import logger

#: The papermill engine name that runs a notebook on a warm kernel.
ENGINE = "htx-warm"


class WarmEngine(Engine):
    """A papermill engine that runs a notebook on a kernel it is given, and leaves it running."""

    @classmethod
    def execute_managed_notebook(
        cls, nb_man, kernel_name, warm=None, execution_timeout=None, start_timeout=60, **_
    ):
        """Run the notebook's cells on ``warm``'s kernel and client.

        ``warm`` is a :class:`~htxlib.report.publishing.kernels.WarmKernel`.
        """
        client = PapermillNotebookClient(
            nb_man,
            km=warm.manager,  # not owned by the client: it neither stops the kernel nor its client
            kernel_name=kernel_name,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            log=logger,
        )
        client.kc = warm.client
        return client.execute()


papermill_engines.register(ENGINE, WarmEngine)


class AbsoluteLocalHandler(LocalHandler):
    """papermill's local files, read and written without changing the process's folder.

    papermill's own handler is one object for the process: each run sets its folder to the
    current one and restores the previous on exit, and every read and write changes the
    process's folder to it and back. Two notebooks run side by side interleave those
    restores and leave a folder of an earlier moment behind, to which a later read then
    moves every thread of the process. Every path a run gives papermill is absolute.
    """

    def cwd(self, new_path):
        """Keep no folder: reads and writes then never change the process's folder."""
        return None


papermill_io.register("local", AbsoluteLocalHandler())
