"""The garbage collector rests while app.py imports the project (imported first by app.py).

Importing the app creates some 120,000 tracked objects that live as long as the process; the
collector ran ~200 times over them on the way (about 60 ms of every cold start) and freed under
a thousand objects.
``imported()`` moves them to the permanent generation (``gc.freeze``), so the collections of a
request never walk them again either, and turns collection back on.
"""

from __future__ import annotations

import gc

_was_enabled = gc.isenabled()
gc.disable()


def imported() -> None:
    """app.py calls this once every module is imported: back to collection as it was before."""
    gc.freeze()
    if _was_enabled:
        gc.enable()
