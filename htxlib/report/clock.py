"""The time a report is stamped with.

``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention), when set,
replaces the clock, so that the same inputs give a byte-identical report.
"""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    """Return the generation time: ``SOURCE_DATE_EPOCH`` when set, else the local clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now()
