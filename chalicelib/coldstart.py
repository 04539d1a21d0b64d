"""The garbage collector rests while app.py imports the project (imported first by app.py).

Importing the app creates some 120,000 tracked objects that live as long as the process; the
collector ran ~200 times over them on the way (about 60 ms of every cold start) and freed under
a thousand objects.
``imported()`` moves them to the permanent generation (``gc.freeze``), so the collections of a
request never walk them again either, and turns collection back on.

``serves_api()`` tells app.py whether this process runs the REST API: only then are the route
modules (most of the import) loaded.
"""

from __future__ import annotations

import gc
import os
from typing import Any

_was_enabled = gc.isenabled()
gc.disable()


def imported() -> None:
    """app.py calls this once every module is imported: back to collection as it was before."""
    gc.freeze()
    if _was_enabled:
        gc.enable()


# Chalice's resource names for the WebSocket API's functions, whatever the Python handlers are called.
WEBSOCKET_FUNCTIONS = ("websocket_connect", "websocket_message", "websocket_disconnect")


def other_functions(app: Any) -> set[str]:
    """The Chalice names of ``app``'s functions besides the API handler (events, queues, schedules,
    the stream, the WebSocket routes): the ``<handler>`` of ``<app>-<stage>-<handler>``."""
    names = {source.name for source in app.event_sources}
    if app.websocket_handlers:
        names.update(WEBSOCKET_FUNCTIONS)
    return names


def serves_api(app: Any) -> bool:
    """False only inside a Lambda function named ``<app>-<stage>-<handler>`` for one of
    ``other_functions(app)`` (Lambda sets ``AWS_LAMBDA_FUNCTION_NAME``; the stage sets ``STAGE``).

    Outside Lambda, in the API function (Chalice names it ``<app>-<stage>``, the merge template
    ``<app>-<stage>-api_handler``), and for any name this does not recognise: True, so a renamed
    function costs cold-start time, never a route.
    """
    function, stage = os.environ.get("AWS_LAMBDA_FUNCTION_NAME"), os.environ.get("STAGE")
    if not function or not stage:
        return True
    return function not in {f"{app.app_name}-{stage}-{name}" for name in other_functions(app)}
