"""Warm kernels: started once, reused for many notebooks, each notebook still its own run.

A batch of reports spends most of a cold run starting a kernel and importing pandas,
matplotlib and the toolkit into it. A :class:`KernelPool` keeps kernels alive between
notebooks. Before each notebook the kernel's namespace and execution count are reset, so a
notebook sees what a fresh kernel would show it, apart from modules already imported.

Every kernel lives in its own thread: a kernel client's sockets belong to the event loop of
the thread that made them (see ``jupyter_core.utils.run_sync``), so all calls to a kernel
are made from that thread. A kernel whose notebook timed out or died is replaced before it
is used again; one whose notebook only raised an error is reused.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.log import logger

#: The papermill engine name that runs a notebook on a warm kernel.
ENGINE = "htx-warm"

#: Run silently before each notebook: it empties the namespace, and a new session restarts
#: the execution count at 1. IPython's reset ends with a full garbage collection, about a
#: tenth of a second with pandas and matplotlib loaded; the interpreter's own collector
#: frees the same cycles later, so that pass is skipped. The code runs in globals of its
#: own, which the reset does not empty.
RESET = """exec(
    "import gc\\n"
    "collect = gc.collect\\n"
    "gc.collect = lambda *args, **kwargs: 0\\n"
    "try:\\n"
    "    get_ipython().reset(new_session=True)\\n"
    "finally:\\n"
    "    gc.collect = collect\\n",
    {"get_ipython": get_ipython},
)"""


class WarmEngine(Engine):
    """A papermill engine that runs a notebook on a kernel it is given, and leaves it running."""

    @classmethod
    def execute_managed_notebook(
        cls, nb_man, kernel_name, warm=None, execution_timeout=None, start_timeout=60, **_
    ):
        """Run the notebook's cells on ``warm``'s kernel and client (see :class:`WarmKernel`)."""
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


class WarmKernel:
    """One kernel and its client, owned by one thread.

    Parameters
    ----------
    kernel : str
        Kernel name.
    manager_class : type
        An ``AsyncKernelManager`` subclass (the runner's records live kernels for Ctrl-C).
    start_timeout : int
        Seconds the kernel may take to answer after it starts.
    """

    def __init__(self, kernel: str, manager_class, start_timeout: int = 60) -> None:
        self.kernel = kernel
        self._manager_class = manager_class
        self._start_timeout = start_timeout
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="htx-kernel")
        self.manager = self.client = None
        self._thread.submit(self._start).result()

    def _start(self) -> None:
        self.manager = self._manager_class(kernel_name=self.kernel)
        run_sync(self.manager.start_kernel)()
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            run_sync(self.client.wait_for_ready)(timeout=self._start_timeout)
        except BaseException:
            self._stop()
            raise
        self.client.allow_stdin = False

    def _stop(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
        if self.manager is not None and self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)
        self.manager = self.client = None

    def _run(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        import papermill as pm

        if self.manager is None or not run_sync(self.manager.is_alive)():
            self._stop()
            self._start()
        try:
            reply = run_sync(self.client.execute_interactive)(
                RESET, silent=True, store_history=False, timeout=self._start_timeout
            )
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the kernel could not be reset: {reply['content']}")
            pm.execute_notebook(
                str(source),
                str(target),
                parameters=parameters,
                kernel_name=self.kernel,
                engine_name=ENGINE,
                warm=self,
                execution_timeout=timeout,
                progress_bar=False,
                request_save_on_cell_execute=False,
            )
        except PapermillExecutionError:
            raise  # a cell raised: the kernel itself is fine
        except BaseException:
            self._stop()  # timed out, died or not reset: the next notebook gets a new kernel
            raise

    def execute(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        """Run a notebook on this kernel (from its own thread) and write the executed copy."""
        self._thread.submit(self._run, source, target, parameters, timeout).result()

    def close(self) -> None:
        """Stop the kernel and its thread."""
        self._thread.submit(self._stop).result()
        self._thread.shutdown(wait=True)


class KernelPool:
    """Up to ``size`` warm kernels shared by the notebooks of many reports.

    Kernels start when first needed. :meth:`execute` waits for a free kernel, so at most
    ``size`` notebooks run at once. Use it as a context manager to stop the kernels at the end.
    """

    def __init__(self, size: int, kernel: str, manager_class, start_timeout: int = 60) -> None:
        self.size = max(1, size)
        self.kernel = kernel
        self._manager_class = manager_class
        self._start_timeout = start_timeout
        self._slots = threading.Semaphore(self.size)
        self._lock = threading.Lock()
        self._idle: list[WarmKernel] = []
        self.kernels: list[WarmKernel] = []

    def _take(self) -> WarmKernel:
        # holding a slot with no idle kernel means every kernel is busy: fewer than size exist
        self._slots.acquire()
        with self._lock:
            if self._idle:
                return self._idle.pop()
        try:
            kernel = WarmKernel(self.kernel, self._manager_class, self._start_timeout)
        except BaseException:
            self._slots.release()
            raise
        with self._lock:
            self.kernels.append(kernel)
        return kernel

    def execute(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        """Run a notebook on a free kernel; see :meth:`WarmKernel.execute`."""
        kernel = self._take()
        try:
            kernel.execute(source, target, parameters, timeout)
        finally:
            with self._lock:
                self._idle.append(kernel)
            self._slots.release()

    def close(self) -> None:
        """Stop every kernel."""
        with self._lock:
            kernels, self.kernels, self._idle = self.kernels, [], []
        for kernel in kernels:
            kernel.close()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
