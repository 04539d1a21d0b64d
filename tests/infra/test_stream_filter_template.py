"""The stream event source mapping's FilterCriteria is the subscribers' declaration, within Lambda's limits."""

from __future__ import annotations

import json

import pytest

from infra.build_merge_template import merge_template
from infra.functions import STAGES


@pytest.mark.parametrize("stage", STAGES)
def test_the_stream_filter_is_the_subscribers_declaration(stage: str) -> None:
    from chalicelib.jobs.stream import filter_patterns

    resources = merge_template(stage)["Resources"]
    source = resources["OnTableChange"]["Properties"]["Events"]["OnTableChangeDynamodbEventSource"]["Properties"]
    filters = source["FilterCriteria"]["Filters"]
    assert [json.loads(f["Pattern"]) for f in filters] == filter_patterns()
    assert 0 < len(filters) <= 5, "Lambda's default quota: 5 filters per event source mapping"
    assert all(isinstance(f["Pattern"], str) and len(f["Pattern"]) <= 4096 for f in filters)


def test_every_declared_kind_is_in_the_deployed_filter() -> None:
    from chalicelib.jobs import stream

    resources = merge_template("prod")["Resources"]
    source = resources["OnTableChange"]["Properties"]["Events"]["OnTableChangeDynamodbEventSource"]["Properties"]
    deployed = {
        (event, kind)
        for f in source["FilterCriteria"]["Filters"]
        for pattern in [json.loads(f["Pattern"])]
        for image in pattern["dynamodb"].values()
        for kind in image["type"]["S"]
        for event in pattern["eventName"]
    }
    declared = {
        (event, kind) for s in stream.SUBSCRIBERS for kind, events in stream.DECLARED[s].items() for event in events
    }
    assert declared
    assert declared == deployed
