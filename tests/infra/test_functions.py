"""infra/functions.py names what app.py deploys, as Chalice names it."""

from __future__ import annotations

from chalice.utils import to_cfn_resource_name

from infra.functions import FAILURE_QUEUES, FUNCTIONS, function


def deployed_functions() -> set[str]:
    from app import app

    names = {"api_handler"}
    names |= {source.name for source in app.event_sources}
    names |= {auth.name for auth in app.builtin_auth_handlers}
    names |= {fn.name for fn in app.pure_lambda_functions}
    # Chalice deploys each WebSocket route as a function of its own, named by the route.
    route_functions = {
        "$connect": "websocket_connect",
        "$default": "websocket_message",
        "$disconnect": "websocket_disconnect",
    }
    names |= {route_functions[route] for route in app.websocket_handlers}
    return names


def test_every_deployed_function_is_defined_once() -> None:
    defined = [fn.name for fn in FUNCTIONS]
    assert len(defined) == len(set(defined))
    assert set(defined) == deployed_functions()


def test_logical_ids_are_chalices() -> None:
    for fn in FUNCTIONS:
        expected = "APIHandler" if fn.name == "api_handler" else to_cfn_resource_name(fn.name)
        assert fn.logical_id == expected
        assert fn.log_group_logical_id == to_cfn_resource_name(f"{fn.name}-log-group")


def test_asynchronous_functions_have_a_failure_queue() -> None:
    for fn in FUNCTIONS:
        if fn.asynchronous or fn.invocation == "stream":
            assert fn.failure_queue is not None, fn.name
        else:
            assert fn.failure_queue is None, fn.name
    assert function("ingest_email").invocation == "event"
    assert {fn.name for fn in FUNCTIONS if fn.invocation == "schedule"} == {
        "sla_sweep_job",
        "automation_timer_job",
        "webhook_retry_job",
        "retention_sweep_job",
        "tenant_jobs_job",
    }


def test_names_fit_lambda_limits() -> None:
    for fn in FUNCTIONS:
        assert len(fn.function_name("prod")) <= 64


def test_queue_functions_consume_a_queue_with_dead_letters() -> None:
    consumers = [fn for fn in FUNCTIONS if fn.invocation == "queue"]
    assert [fn.name for fn in consumers] == ["send_webhook"]
    for fn in consumers:
        assert fn.source_queue is not None
        assert fn.source_queue.dead_letters in FAILURE_QUEUES  # so its depth alarm exists
        assert fn.source_queue.name("prod").endswith(".fifo") == fn.source_queue.dead_letters.fifo
    assert all(fn.source_queue is None for fn in FUNCTIONS if fn.invocation != "queue")
