"""Run one notebook on a kernel, and say in the user's words what went wrong.

A cell that raised is named with its error; a kernel that did not start is tried once more
(two kernels started at once can race for a port); a file that cannot be written is the
output's problem and is raised as it is.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from htxlib.messages import _


class ReportError(RuntimeError):
    """A notebook failed or timed out; the message names the cell and the error."""


#: Kernel start-up failures worth one more try: two kernels started at once can race for a
#: free port, and a kernel of a killed run may hold one for a moment.
STARTUP_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")


def execute(source: Path, target: Path, parameters: dict, timeout: int, kernels) -> None:
    """Run a notebook on ``kernels``, a batch's pool or the run's own.

    A kernel whose start failed is started again once; what went wrong becomes a
    :class:`ReportError`.
    """
    from papermill.exceptions import PapermillExecutionError

    for attempt in (1, 2):
        try:
            kernels.execute(source, target, parameters, timeout)
            return
        except PapermillExecutionError as err:
            raise ReportError(
                _("notebook {name} failed in cell {cell}: {error}").format(
                    name=source.name, cell=err.exec_count, error=_cell_error(err, target)
                )
            ) from err
        except OSError as err:
            if cannot_be_written(err):
                raise  # the output's problem (a full or read-only disk), not the notebook's
            raise ReportError(_did_not_run(source, err)) from err
        except Exception as err:  # kernel died, ...
            reason = f"{type(err).__name__}: {err}"
            if any(text in str(err) for text in STARTUP_FAILURES):
                reason = getattr(err, "kernel_said", "") or reason
            if attempt == 1 and any(text in str(err) for text in STARTUP_FAILURES):
                from htxlib.messages import shown

                print(
                    _("a kernel did not start ({reason}); starting another").format(
                        reason=shown(reason)
                    ),
                    file=sys.stderr,
                    flush=True,
                )
                continue
            raise ReportError(_did_not_run(source, err, reason)) from err


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: A traceback's last line: the error raised and its message.
_RAISED = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b")
_DURING = "During handling of the above exception, another exception occurred:"


def _cell_error(err, notebook: Path) -> str:
    """Say what a cell raised: its error and message, else the last line the cell printed.

    IPython may fail to format an error (a template's traceback): the error then comes with
    no message, and what names it is the traceback the kernel printed in the cell's output.
    """
    if str(err.evalue).strip():
        return f"{err.ename}: {err.evalue}"
    printed = list(err.traceback or [])
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        failed = [c for c in cells if c.get("execution_count") == err.exec_count]
        for output in failed[0].get("outputs", []) if failed else []:
            text = output.get("text", "")
            printed.append(text if isinstance(text, str) else "".join(text))
    except (OSError, ValueError):
        pass  # the notebook was not written: the error's name is all there is
    lines = [_ANSI.sub("", line).strip() for line in "\n".join(printed).splitlines()]
    # the error the cell raised, not one raised while formatting it ("During handling …")
    raised = [line for line in lines if _RAISED.match(line) or line.startswith("During handling")]
    first = raised[: raised.index(_DURING)] if _DURING in raised else raised
    said = first or [line for line in lines if line]
    return f"{err.ename}: {said[-1]}" if said and said[-1] != err.ename else err.ename


def _did_not_run(source: Path, err: Exception, reason: str = "") -> str:
    reason = reason or f"{type(err).__name__}: {err}"
    return _("notebook {name} did not run: {reason}").format(name=source.name, reason=reason)


def cannot_be_written(err: BaseException) -> bool:
    """Whether an error is a file that could not be written (a timeout is an OSError too)."""
    return isinstance(err, OSError) and not isinstance(err, TimeoutError) and err.errno is not None
