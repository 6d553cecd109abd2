"""`htx batch`: build the reports of every unit under a folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from htxlib.commands.common import (
    EXIT_DATA,
    EXIT_OUTPUT,
    echo,
    interrupted,
    output_options,
    say,
)
from htxlib.messages import _, shown


def add(sub) -> None:
    """Add the ``batch`` command to the ``htx`` parser's sub-commands."""
    bat = sub.add_parser(
        "batch",
        help=_(
            "build the reports of every unit folder under a folder (communes, provinces and "
            "their roll-ups); unchanged ones are skipped"
        ),
    )
    bat.add_argument("--data", required=True, help=_("folder holding the unit folders"))
    bat.add_argument("--year", type=int, required=True, help=_("assessed year"))
    output_options(bat)
    bat.add_argument(
        "--jobs",
        type=int,
        default=None,
        help=_(
            "units built at once (a kernel each, two for a large unit; default: one per "
            "core of this machine, one per GiB of free memory at most)"
        ),
    )
    bat.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx batch``; return its exit status."""
    from htxlib.report.publishing.batch import run_batch
    from htxlib.report.publishing.publish import PublishError
    from htxlib.report.publishing.runner import DEFAULT_FORMATS

    cores = usable_cores()
    jobs = default_jobs(cores) if args.jobs is None else max(1, min(args.jobs, cores))
    if args.jobs is not None and jobs != args.jobs:
        # each job keeps a core busy: more jobs than cores only slows it
        say(_("--jobs {asked} lowered to {jobs}, the cores of this machine").format(
            asked=args.jobs, jobs=jobs))  # fmt: skip
    try:
        formats = args.formats or DEFAULT_FORMATS
        outcomes = run_batch(
            args.data, args.year, args.out, jobs, formats, args.timeout, charts=args.charts
        )
    except (PublishError, OSError) as err:
        say(str(err))
        return EXIT_OUTPUT
    except KeyboardInterrupt as err:
        return interrupted(err)
    if not outcomes:
        say(
            _(
                "no unit found under {folder}: a unit is a folder with a unit table (unit.csv, "
                "or a workbook with a 'don_vi' sheet made by htx template)"
            ).format(folder=args.data)
        )
        return EXIT_DATA
    counts = {
        state: sum(o.state == state for o in outcomes) for state in ("built", "skipped", "failed")
    }
    echo(
        _("{built} built, {skipped} unchanged (skipped), {failed} failed, of {total} units").format(
            total=len(outcomes), **counts
        )
    )
    for outcome in outcomes:
        if outcome.state == "built":
            echo(outcome.detail)
    echo(Path(args.out) / "index.html")
    for outcome in outcomes:
        if outcome.state == "failed":
            say(
                _("failed: {folder}: {detail}").format(
                    folder=shown(outcome.folder), detail=outcome.detail
                )
            )
    return EXIT_DATA if counts["failed"] else 0


#: Memory a batch job may need: a kernel holding a province's tables, and its share of the
#: batch's own process (a commune's report needs a few hundred MB).
JOB_MEMORY = 2**30


def usable_cores() -> int:
    """Return the cores this process may run on (a container or ``taskset`` may allow fewer)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(cores: int) -> int:
    """Return how many units a batch builds at once when ``--jobs`` is not given.

    One per core, as each job keeps one busy, but no more than the free memory holds at
    :data:`JOB_MEMORY` each: a machine of many cores and little memory would otherwise swap.
    """
    import psutil

    memory = psutil.virtual_memory().available // JOB_MEMORY
    return max(1, min(cores, memory))
