"""The time a report is stamped with.

``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention), when set,
replaces the clock, so that the same inputs give a byte-identical report.
"""

from __future__ import annotations

import datetime as dt
import os

#: The stamps a report can carry: from 1970 to the end of 9999.
LATEST_EPOCH = 253402300799


class ClockError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something that is no time; the message says what."""


def source_date_epoch() -> int | None:
    """Return ``SOURCE_DATE_EPOCH`` as seconds, None when unset.

    Raises
    ------
    ClockError
        It is set, but not a whole number of seconds from 1970 to 9999: checked before
        any kernel starts, since a kernel that cannot read its clock never answers.
    """
    from htxlib.messages import _

    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > LATEST_EPOCH:
        raise ClockError(
            _(
                "SOURCE_DATE_EPOCH='{value}' is not a time: write whole seconds since "
                "01/01/1970 (0 to {latest}), or unset it"
            ).format(value=raw[:40], latest=LATEST_EPOCH)
        )
    return int(raw)


def now() -> dt.datetime:
    """Return the generation time: ``SOURCE_DATE_EPOCH`` when set, else the local clock."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now()
