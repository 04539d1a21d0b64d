"""The one table definition, optimistic locking and the transaction helper."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError

from chalicelib import config
from chalicelib.domain.errors import Conflict
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.table import TableItem, table_spec, ttl_spec
from chalicelib.store.transactions import Check, Put, Update, transact_write


class Widget(TableItem, discriminator="Widget"):
    name = UnicodeAttribute()
    quantity = NumberAttribute(default=0)


def test_table_has_the_indexes_stream_and_ttl_of_the_design(aws: None) -> None:
    client = boto3.client("dynamodb")
    table = client.describe_table(TableName=config.table_name())["Table"]
    assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"PK": "HASH", "SK": "RANGE"}
    indexes = {i["IndexName"]: i for i in table["GlobalSecondaryIndexes"]}
    assert set(indexes) == {"GSI1", "GSI2", "GSI3", "GSI4", "GSI5", "DUE"}
    for name, index in indexes.items():
        # The discriminator must reach every index, or subclass queries through it return nothing.
        projection = index["Projection"]
        assert projection["ProjectionType"] == "ALL" or projection.get("NonKeyAttributes") == ["type"], name
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    ttl = client.describe_time_to_live(TableName=config.table_name())["TimeToLiveDescription"]
    assert ttl["AttributeName"] == ttl_spec()["AttributeName"] == "expires_at"
    assert ttl["TimeToLiveStatus"] == "ENABLED"


def test_infra_template_builds_the_same_table() -> None:
    from infra.build_merge_template import table_resource

    resource = table_resource("dev")["Properties"]
    spec = table_spec("deskless-dev")
    assert resource["TableName"] == spec["TableName"]
    assert resource["KeySchema"] == spec["KeySchema"]
    assert resource["GlobalSecondaryIndexes"] == spec["GlobalSecondaryIndexes"]
    assert resource["AttributeDefinitions"] == spec["AttributeDefinitions"]
    assert resource["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert resource["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert resource["TimeToLiveSpecification"] == ttl_spec()
    assert not Path("infra/table.json").exists(), "the table is generated from the model, not hand-written"
    json.dumps(resource)


def test_concurrent_writers_cannot_lose_an_update(aws: None) -> None:
    Widget(PK=org_pk("o1"), SK="WIDGET#1", name="first").save()
    mine = Widget.get(org_pk("o1"), "WIDGET#1")
    theirs = Widget.get(org_pk("o1"), "WIDGET#1")
    theirs.name = "theirs"
    theirs.save()
    mine.name = "mine"
    with pytest.raises(PutError):
        mine.save()
    stored = Widget.get(org_pk("o1"), "WIDGET#1")
    assert (stored.name, stored.version) == ("theirs", 2)


def test_transaction_writes_all_or_nothing_and_names_the_conflict(aws: None) -> None:
    guard = Widget(PK=org_pk("o1"), SK="NAME#unique", name="guard")
    first = Widget(PK=tenant_key("o1", "WIDGET", 1), SK="WIDGET", name="unique")
    transact_write([Put(guard), Put(first)])
    assert Widget.get(org_pk("o1"), "NAME#unique").version == 1

    second = Widget(PK=tenant_key("o1", "WIDGET", 2), SK="WIDGET", name="unique")
    again = Widget(PK=org_pk("o1"), SK="NAME#unique", name="guard")
    taken = Conflict("That name is taken.", code="name_taken")
    with pytest.raises(Conflict) as error:
        transact_write([Put(second), Put(again, condition=Widget.PK.does_not_exist(), on_conflict=taken)])
    assert error.value.code == "name_taken"
    assert Widget.count(tenant_key("o1", "WIDGET", 2)) == 0, "a cancelled transaction wrote nothing"


def test_transaction_update_and_check_use_versions(aws: None) -> None:
    Widget(PK=org_pk("o1"), SK="WIDGET#c", name="counter").save()
    item = Widget.get(org_pk("o1"), "WIDGET#c")
    stale = Widget.get(org_pk("o1"), "WIDGET#c")
    transact_write(
        [
            Update(item, actions=[Widget.quantity.add(1)]),
            Put(Widget(PK=org_pk("o1"), SK="WIDGET#d", name="other")),
        ]
    )
    stored = Widget.get(org_pk("o1"), "WIDGET#c")
    assert (stored.quantity, stored.version) == (1, 2)
    with pytest.raises(Conflict) as error:
        transact_write([Update(stale, actions=[Widget.quantity.add(1)])])  # read before the first update
    assert error.value.code == "stale_version"
    with pytest.raises(Conflict):
        transact_write(
            [
                Check(Widget, org_pk("o1"), "WIDGET#c", condition=Widget.name == "renamed"),
                Put(Widget(PK=org_pk("o1"), SK="WIDGET#e", name="x")),
            ]
        )
    assert Widget.count(org_pk("o1"), Widget.SK == "WIDGET#e") == 0


def test_a_transaction_cancelled_by_a_concurrent_one_is_retried(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """TransactionConflict cancels the whole transaction (nothing written), so a retry is safe."""
    from pynamodb.exceptions import CancellationReason, TransactWriteError, VerboseClientError

    from chalicelib.store import transactions
    from chalicelib.store.transactions import Tally

    real = transactions._SingleWrite

    collisions = iter([True, True])

    class Colliding(real):  # type: ignore[misc, valid-type]
        def __exit__(self, *args: object) -> None:
            if next(collisions, False):
                cause = VerboseClientError(
                    {"Error": {"Code": "TransactionCanceledException", "Message": "conflict"}},
                    "TransactWriteItems",
                    cancellation_reasons=[CancellationReason(code="TransactionConflict")],
                )
                raise TransactWriteError("cancelled", cause=cause)
            super().__exit__(*args)  # type: ignore[no-untyped-call]

    monkeypatch.setattr("chalicelib.store.transactions._SingleWrite", Colliding)
    monkeypatch.setattr("chalicelib.store.transactions.time.sleep", lambda _: None)
    transact_write([Tally(Widget, org_pk("o1"), "TALLY", {"hits": 2, "misses": -1})])
    raw = boto3.client("dynamodb").get_item(
        TableName=config.table_name(), Key={"PK": {"S": org_pk("o1")}, "SK": {"S": "TALLY"}}
    )
    assert (raw["Item"]["hits"]["N"], raw["Item"]["misses"]["N"], raw["Item"]["type"]["S"]) == ("2", "-1", "Widget")

    collisions = iter([True] * transactions.CONFLICT_ATTEMPTS)
    with pytest.raises(Conflict) as error:
        transact_write([Tally(Widget, org_pk("o1"), "TALLY", {"hits": 1})])
    assert error.value.code == "transaction_conflict"


def test_a_transaction_of_one_write_is_sent_as_that_write_with_its_condition(aws: None) -> None:
    """One write alone is one conditional PutItem/UpdateItem (half the units of a transaction), and
    its refusal is the same typed conflict a transaction gives; the local version still advances."""
    from chalicelib.store import metering

    widget = Widget(PK=org_pk("o1"), SK="WIDGET#s", name="single")
    taken = Conflict("That widget exists.", code="widget_taken")
    with metering.metered() as calls:
        transact_write([Put(widget, condition=Widget.PK.does_not_exist(), on_conflict=taken)])
    assert [c.operation for c in calls] == ["PutItem"]
    assert widget.version == 1
    with pytest.raises(Conflict) as error:
        transact_write(
            [
                Put(
                    Widget(PK=org_pk("o1"), SK="WIDGET#s", name="again"),
                    condition=Widget.PK.does_not_exist(),
                    on_conflict=taken,
                )
            ]
        )
    assert error.value.code == "widget_taken"

    stale = Widget.get(org_pk("o1"), "WIDGET#s")
    fresh = Widget.get(org_pk("o1"), "WIDGET#s")
    with metering.metered() as calls:
        transact_write([Update(fresh, actions=[Widget.quantity.add(2)])])
    assert [c.operation for c in calls] == ["UpdateItem"]
    with pytest.raises(Conflict) as error:
        transact_write([Update(stale, actions=[Widget.quantity.add(1)])])
    assert error.value.code == "stale_version"
    stored = Widget.get(org_pk("o1"), "WIDGET#s")
    assert (stored.name, stored.quantity, stored.version) == ("single", 2, 2), "the refused writes changed nothing"
