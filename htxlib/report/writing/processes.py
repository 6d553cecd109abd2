"""Converters run as processes of their own: bounded in time, and stopped whole.

pandoc and LibreOffice are programs of their own. Each runs in a session of its own, so
that when it takes longer than its limit, or the run stops (an error, Ctrl-C, SIGTERM),
the whole process group is killed: LibreOffice's ``soffice`` wrapper starts ``soffice.bin``,
which would outlive the wrapper.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess


class ConverterTimeout(RuntimeError):
    """A converter took longer than its limit and was stopped; the message names the limit."""


def run_bounded(
    command: list[str], timeout: int, input: bytes | None = None, cwd=None, env=None
) -> subprocess.CompletedProcess:
    """Run ``command`` to its end, in a process group of its own, for ``timeout`` s at most.

    Returns its output (bytes); raises :class:`ConverterTimeout` after killing the group on
    time-out, and kills the group on any other interruption before re-raising it.
    """
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        from htxlib.messages import _

        raise ConverterTimeout(
            _(
                "{program} did not finish within {seconds} s and was stopped (set "
                "HTX_CONVERT_SECONDS to allow more)"
            ).format(program=os.path.basename(command[0]), seconds=timeout)
        ) from None
    except BaseException:
        _kill_group(process)
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the program and every process of its group, then reap it.

    Called before the program is reaped, so that its group id still names its group.
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for stream in (process.stdout, process.stderr, process.stdin):
        if stream is not None:
            stream.close()
