"""Warm kernels: started once, reused for many notebooks, each notebook still its own run.

A batch of reports spends most of a cold run starting a kernel and importing pandas,
matplotlib and the toolkit into it. A :class:`KernelPool` keeps kernels alive between
notebooks. Before each notebook the kernel's namespace and execution count are reset, so a
notebook sees what a fresh kernel would show it, apart from modules already imported.

Every kernel lives in its own thread: a kernel client's sockets belong to the event loop of
the thread that made them (see ``jupyter_core.utils.run_sync``), so all calls to a kernel
are made from that thread. A kernel whose notebook timed out or died is replaced before it
is used again; one whose notebook only raised an error is reused.

A lone report starts its kernels too before it reads its data (:class:`NotebookKernels`),
importing its notebooks' modules meanwhile: one kernel per notebook for a large unit, one
kernel for all of them for a small one. A batch holds one of its pool's kernels for each
small unit's report (:meth:`KernelPool.held`).
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jupyter_core.utils import run_sync

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


#: IPython's history of a report kernel's cells: kept by default in an SQLite file, written
#: after every cell and of no use to a notebook run on a fresh, private IPython folder.
NO_HISTORY = "--HistoryManager.enabled=False"


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
    early : str or None
        Start in the background and return at once, then run this code in the kernel
        (imports the notebooks will need). A start that fails there is raised by the first
        :meth:`execute`, as a start made then would raise it. ``None``: start now and wait.
    """

    def __init__(
        self, kernel: str, manager_class, start_timeout: int = 60, early: str | None = None
    ) -> None:
        self.kernel = kernel
        self._manager_class = manager_class
        self._start_timeout = start_timeout
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="htx-kernel")
        self.manager = self.client = None
        self._start_error: BaseException | None = None
        self._killed = False
        self._stopped = None  # the stop, once asked for (see :meth:`close`)
        if early is None:
            self._thread.submit(self._start).result()
        else:
            self._thread.submit(self._start_early, early)

    def _start(self) -> None:
        from htxlib.report.publishing.kernel_setup import (
            KERNEL,
            kernel_environment,
            kernel_spec_manager,
        )
        from htxlib.report.writing.scratch import private

        # the toolkit's own kernel spec, whatever JUPYTER_PATH holds, and its connection
        # file (with the kernel's key) in the process's private folder
        self.manager = self._manager_class(
            kernel_name=self.kernel,
            kernel_spec_manager=kernel_spec_manager(self.kernel),
            connection_file=str(private("kernel") / "connection.json"),
        )
        # the toolkit's own kernel keeps no history; a kernel the user names starts as it is
        options = [NO_HISTORY] if self.kernel == KERNEL else []
        run_sync(self.manager.start_kernel)(env=kernel_environment(), extra_arguments=options)
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            run_sync(self.client.wait_for_ready)(timeout=self._start_timeout)
        except BaseException as err:
            # why it died is read before the clean-up closes what the kernel wrote
            said = getattr(self._manager_class, "died_saying", None)
            err.kernel_said = said() if said is not None else ""
            self._stop()
            raise
        self.client.allow_stdin = False

    def _start_early(self, code: str) -> None:
        if self._killed:
            return  # the run failed before this kernel was started
        try:
            self._start()
        except BaseException as err:  # noqa: BLE001 - kept for the first notebook to raise
            self._start_error = err
            return
        if code:
            # sent, not awaited: the kernel runs it before the next request, and the reset
            # before a notebook waits for it. A failed import fails again in the notebook,
            # which reports it.
            self.client.execute(code, silent=True, store_history=False)

    def kill(self) -> None:
        """Kill the kernel's process at once (from any thread); its thread then cleans up."""
        self._killed = True
        process = getattr(getattr(self.manager, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()

    def _stop(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
        if self.manager is not None and self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)
        self.manager = self.client = None

    def _run(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        # papermill is imported here: a lone report starts its kernels before it (see
        # :class:`NotebookKernels`), and importing it takes about half a second
        import papermill as pm
        from papermill.exceptions import PapermillExecutionError

        from htxlib.report.publishing.warm_engine import ENGINE

        if self._start_error is not None:
            error, self._start_error = self._start_error, None
            raise error
        if self.manager is None or not run_sync(self.manager.is_alive)():
            self._stop()
            self._start()
        try:
            self._reset()
            pm.execute_notebook(
                str(source),
                str(target),
                parameters=parameters,
                kernel_name=self.kernel,
                engine_name=ENGINE,
                warm=self,
                # no ``cwd=``: papermill implements it with a process-wide chdir, which would
                # move every relative path of the other notebooks' threads; all paths here
                # are absolute
                execution_timeout=timeout,
                progress_bar=False,
                request_save_on_cell_execute=False,
            )
        except PapermillExecutionError:
            raise  # a cell raised: the kernel itself is fine
        except BaseException:
            self._stop()  # timed out, died or not reset: the next notebook gets a new kernel
            raise

    def _reset(self) -> None:
        """Empty the kernel's namespace (:data:`RESET`); fail at once if the kernel dies.

        The reply is awaited a second at a time, and the kernel looked at in between: one
        killed meanwhile (Ctrl-C while a shared kernel goes from one notebook to the next)
        is not waited for until the time runs out.
        """
        from nbclient.exceptions import DeadKernelError

        msg_id = self.client.execute(RESET, silent=True, store_history=False)
        deadline = time.monotonic() + self._start_timeout
        while time.monotonic() < deadline:
            try:
                reply = run_sync(self.client.get_shell_msg)(timeout=1)
            except queue.Empty:
                if not run_sync(self.manager.is_alive)():
                    raise DeadKernelError("the kernel died while it was reset") from None
                continue
            if reply["parent_header"].get("msg_id") != msg_id:
                continue  # the reply to the early imports, sent without waiting
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the kernel could not be reset: {reply['content']}")
            return
        raise TimeoutError(f"the kernel did not answer within {self._start_timeout} s")

    def execute(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        """Run a notebook on this kernel (from its own thread) and write the executed copy."""
        self._thread.submit(self._run, source, target, parameters, timeout).result()

    def close(self, wait: bool = True) -> None:
        """Stop the kernel and its thread.

        Without ``wait`` the stop goes on in the kernel's thread while the caller works; a
        later ``close()`` waits for it.
        """
        if self._stopped is None:
            self._stopped = self._thread.submit(self._stop)
        self._thread.shutdown(wait=wait)
        if wait:
            self._stopped.result()


def _fresh(manager_class):
    """Return the manager class with any earlier stop over: a new run's kernels may start."""
    if hasattr(manager_class, "stopping"):
        manager_class.stopping = False
    return manager_class


class KernelPool:
    """Up to ``size`` warm kernels shared by the notebooks of many reports.

    Kernels start when first needed. :meth:`execute` waits for a free kernel, so at most
    ``size`` notebooks run at once. Use it as a context manager to stop the kernels at the end.
    """

    def __init__(self, size: int, kernel: str, manager_class, start_timeout: int = 60) -> None:
        self.size = max(1, size)
        self.kernel = kernel
        self._manager_class = _fresh(manager_class)
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
        with self.held() as kernel:
            kernel.execute(source, target, parameters, timeout)

    @contextlib.contextmanager
    def held(self) -> Iterator[WarmKernel]:
        """Hold one kernel for a report whose notebooks run on it one after the other.

        A small unit's notebooks cost less on one kernel than side by side on two (see
        :data:`~htxlib.report.publishing.runner.ONE_KERNEL_BYTES`); the kernel is free again
        for the next report when the block ends.
        """
        kernel = self._take()
        try:
            yield kernel
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


#: A line of a notebook's code that imports and does nothing else.
_IMPORT = re.compile(r"(?:from [\w.]+ import [\w., ()]+|import [\w., ]+)")


def imports_of(notebook: Path) -> str:
    """Return the import lines of a notebook's code cells (its parameters cell left out)."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    lines = [
        line.strip()
        for cell in cells
        if cell.get("cell_type") == "code"
        and "parameters" not in cell.get("metadata", {}).get("tags", [])
        for line in "".join(cell.get("source", "")).splitlines()
    ]
    return "\n".join(line for line in lines if _IMPORT.fullmatch(line))


class NotebookKernels:
    """The kernels of a lone report, started at once with its notebooks' imports.

    A report reads and checks its data, and imports pandas and pandera, while its kernels
    start and import what their notebooks need. Each notebook then runs as on a
    :class:`KernelPool`'s kernel.

    With ``shared``, one kernel imports every notebook's modules and runs the notebooks one
    after the other. A second kernel costs about a second and a half of processor time (a
    Python process, pandas, matplotlib), more than running the notebooks side by side saves
    a small unit; a large unit's notebooks take longer than that, and each gets its own
    kernel, importing only its own notebook's modules (Part II needs no matplotlib).

    Parameters
    ----------
    kernel, manager_class
        As for :class:`WarmKernel`.
    notebooks : list of Path
        The notebooks to run.
    shared : bool
        One kernel for all of them instead of one each.
    """

    def __init__(
        self, kernel: str, manager_class, notebooks: list[Path], shared: bool = False
    ) -> None:
        self._manager_class = _fresh(manager_class)
        groups = [list(notebooks)] if shared else [[notebook] for notebook in notebooks]
        self._started: list[WarmKernel] = []
        self._kernels: dict[str, WarmKernel] = {}
        for group in groups:
            early = "\n".join(imports_of(notebook) for notebook in group)
            self._started.append(WarmKernel(kernel, manager_class, early=early))
            self._kernels.update({Path(notebook).name: self._started[-1] for notebook in group})

    def execute(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        """Run a notebook on its kernel; see :meth:`WarmKernel.execute` (one at a time)."""
        self._kernels[Path(source).name].execute(source, target, parameters, timeout)

    def close(self, kill: bool = False, wait: bool = True) -> None:
        """Stop every kernel.

        With ``kill``, their processes are killed first: a run that failed before its
        notebooks does not wait for a kernel still starting. Without ``wait`` they stop
        while the caller goes on (a small unit's report writes its files meanwhile); a later
        ``close()`` waits for them.
        """
        kernels = list(self._started)
        if wait:
            self._started, self._kernels = [], {}
        if kill:
            # a kernel still launching has no process to kill yet: the manager class kills
            # it as it starts (see TrackedKernelManager.kill_all), so no stop waits on it
            kill_all = getattr(self._manager_class, "kill_all", None)
            if kill_all is not None:
                kill_all()
            for kernel in kernels:
                kernel.kill()
        for kernel in kernels:
            kernel.close(wait)

    def __enter__(self) -> NotebookKernels:
        return self

    def __exit__(self, error_type, *_) -> None:
        self.close(kill=error_type is not None)
