"""Automation rules and their statistics.

| item | PK | SK | indexes |
|---|---|---|---|
| rule | ``ORG#o`` | ``RULE#<id>`` | GSI1 list (below); GSI2 ``PLATFORM#TIMERULES`` / ``<o>#<id>`` (active time-based) |
| statistics | ``ORG#o`` | ``RULE#<id>#STATS`` | |
| rule-set version | ``ORG#o`` | ``RULESVERSION`` | |
| run guard | ``ORG#o#TICKET#n`` (work orders: ``ORG#o#WOEVENTS#n``) | ``AUTORUN#<event id>`` | TTL 7 days |

Every rule write ADDs 1 to the rule-set version in the same transaction. The engine reads that
one item (a consistent GetItem) per event and re-reads the rules (one consistent Query of
``begins_with(SK, RULE#)``) only when the version moved since it last looked, so a warm stream
function pays one small read per event whatever the number of rules. Statistics live in their
own item so that rule edits (versioned Puts) and executions (ADDs from the engine's
transactions) never overwrite each other. The run guard, written in the same transaction as the
rules' changes, makes a redelivered stream record change nothing. The API pages the rules in
execution order through GSI1 ``ORG#o#RULES`` (deleted ones: ``ORG#o#RULES#DELETED``) /
``<execution order>#<name>#<id>`` and reads the page's statistics with one BatchGetItem.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.expressions.operand import Path

from chalicelib.domain.automation import AutomationRule, TriggerType
from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import ticket_pk
from chalicelib.store.transactions import Counter, Operation, Put, Touch, transact_write

TIME_RULES_PK = "PLATFORM#TIMERULES"
GUARD_TTL = timedelta(days=7)
MAX_RULES = 500


class RuleItem(TableItem, discriminator="AutomationRule"):
    data = JSONAttribute()


class RuleStatsItem(TableItem, discriminator="AutomationRuleStats"):
    execution_count = NumberAttribute(default=0)
    success_count = NumberAttribute(default=0)
    failure_count = NumberAttribute(default=0)
    total_execution_ms = NumberAttribute(default=0)
    last_executed_at = UnicodeAttribute(null=True)
    last_error = UnicodeAttribute(null=True)
    last_error_at = UnicodeAttribute(null=True)


class RuleSetVersionItem(TableItem, discriminator="RuleSetVersion"):
    rules_version = NumberAttribute(default=0)


class RoundRobinItem(TableItem, discriminator="RoundRobin"):
    turn = NumberAttribute(default=0)


class RunGuardItem(TableItem, discriminator="AutomationRun"):
    rules = JSONAttribute()


def rule_sk(rule_id: str) -> str:
    return f"RULE#{rule_id}"


def stats_sk(rule_id: str) -> str:
    return f"RULE#{rule_id}#STATS"


def list_pk(org_id: str, deleted: bool) -> str:
    return tenant_key(org_id, "RULES", *(["DELETED"] if deleted else []))


def _item(rule: AutomationRule) -> RuleItem:
    item = RuleItem(
        PK=org_pk(rule.org_id),
        SK=rule_sk(rule.id),
        GSI1PK=list_pk(rule.org_id, rule.is_deleted),
        GSI1SK=rule.position,
        data=rule.model_dump(mode="json", exclude={"version"}),
    )
    if rule.is_active and rule.trigger_type is TriggerType.TIME_BASED:
        item.GSI2PK, item.GSI2SK = TIME_RULES_PK, f"{rule.org_id}#{rule.id}"
    return item


def reindexed(item: RuleItem) -> RuleItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = _item(_rule(item))
    rebuilt.version = item.version
    return rebuilt


def _rule(item: RuleItem) -> AutomationRule:
    # "stored": the rule's patterns were checked when it was written; evaluation checks them again
    # before compiling, so a rule stored under older limits still loads (and never compiles).
    return AutomationRule.model_validate({**item.data, "version": item.version or 1}, context={"stored": True})


def stats_of(item: RuleStatsItem | None) -> dict[str, Any]:
    count = int(item.execution_count or 0) if item else 0
    total = float(item.total_execution_ms or 0) if item else 0.0
    return {
        "execution_count": count,
        "success_count": int(item.success_count or 0) if item else 0,
        "failure_count": int(item.failure_count or 0) if item else 0,
        # Stored in milliseconds, answered in seconds like every computed duration of the API.
        "average_execution_time": round(total / count / 1000, 6) if count else None,
        "last_executed_at": item.last_executed_at if item else None,
        "last_error": item.last_error if item else None,
        "last_error_at": item.last_error_at if item else None,
    }


def create_rule(rule: AutomationRule) -> AutomationRule:
    stats = RuleStatsItem(PK=org_pk(rule.org_id), SK=stats_sk(rule.id))
    transact_write(
        [
            Put(_item(rule), condition=TableItem.PK.does_not_exist()),
            Put(stats, condition=TableItem.PK.does_not_exist()),
            _bump(rule.org_id),
        ]
    )
    return rule.model_copy(update={"version": 1})


def _stale() -> Conflict:
    return Conflict("The rule was changed by someone else; reload it.", code="stale_version")


def save_rule(rule: AutomationRule, previous: AutomationRule) -> AutomationRule:
    item = _item(rule)
    item.version = previous.version
    transact_write([Put(item, on_conflict=_stale()), _bump(rule.org_id)])
    return rule.model_copy(update={"version": previous.version + 1})


def save_rules(changes: list[tuple[AutomationRule, AutomationRule]]) -> list[AutomationRule]:
    """Several (rule, previous) changes in ONE transaction, each conditional on its previous version
    (409 ``stale_version`` when any moved), with one bump of the rule-set version."""
    operations: list[Operation] = []
    for rule, previous in changes:
        item = _item(rule)
        item.version = previous.version
        operations.append(Put(item, on_conflict=_stale()))
    transact_write([*operations, _bump(changes[0][0].org_id)])
    return [rule.model_copy(update={"version": previous.version + 1}) for rule, previous in changes]


def get_rules(org_id: str, rule_ids: list[str]) -> dict[str, AutomationRule]:
    """The rules of these ids that exist (deleted ones too): ONE BatchGetItem."""
    keys = [(org_pk(org_id), rule_sk(rule_id)) for rule_id in rule_ids]
    return {rule.id: rule for rule in (_rule(item) for item in RuleItem.batch_get(keys))} if keys else {}


def get_rule(org_id: str, rule_id: str) -> tuple[AutomationRule | None, dict[str, Any]]:
    """The rule and its statistics: ONE Query (``begins_with(SK, RULE#<id>)``)."""
    rule, stats = None, None
    for item in TableItem.query(org_pk(org_id), TableItem.SK.startswith(rule_sk(rule_id))):
        if isinstance(item, RuleItem) and rule_sk(rule_id) == item.SK:
            rule = _rule(item)
        elif isinstance(item, RuleStatsItem) and stats_sk(rule_id) == item.SK:
            stats = item
    return rule, stats_of(stats)


def page_rules(
    org_id: str, *, deleted: bool, limit: int, cursor: str | None
) -> Page[tuple[AutomationRule, dict[str, Any]]]:
    """Live (or deleted) rules in execution order with their statistics: one Query on GSI1, one
    BatchGetItem of the page's statistics."""
    page = query_page(
        TableItem.gsi1,
        list_pk(org_id, deleted),
        org_id=org_id,
        scope=f"rules:{'deleted' if deleted else 'live'}",
        limit=limit,
        cursor=cursor,
        model=RuleItem,
    )
    rules = [_rule(i) for i in page.items]  # type: ignore[arg-type]
    keys = [(org_pk(org_id), stats_sk(r.id)) for r in rules]
    stats = {str(i.SK): i for i in RuleStatsItem.batch_get(keys)} if keys else {}
    return Page([(r, stats_of(stats.get(stats_sk(r.id)))) for r in rules], page.next_cursor)


def count_rules(org_id: str) -> int:
    items = TableItem.query(org_pk(org_id), TableItem.SK.startswith("RULE#"), limit=2 * MAX_RULES + 2)
    return sum(1 for item in items if isinstance(item, RuleItem) and not _rule(item).is_deleted)


def _bump(org_id: str) -> Counter:
    return Counter(RuleSetVersionItem, org_pk(org_id), "RULESVERSION", RuleSetVersionItem.rules_version, 1)


def rule_set_version(org_id: str) -> int:
    try:
        item = RuleSetVersionItem.get(org_pk(org_id), "RULESVERSION", consistent_read=True)
    except RuleSetVersionItem.DoesNotExist:
        return 0
    return int(item.rules_version or 0)


_CACHE: OrderedDict[str, tuple[int, list[AutomationRule]]] = OrderedDict()
CACHE_ORGS = 256


def active_rules(org_id: str, trigger: TriggerType) -> list[AutomationRule]:
    """Active rules of one trigger in execution order.

    One consistent GetItem of the rule-set version; the rules themselves (one consistent Query)
    only when they changed since this container last read them.
    """
    version = rule_set_version(org_id)
    cached = _CACHE.get(org_id)
    if cached is None or cached[0] != version:
        items = TableItem.query(org_pk(org_id), TableItem.SK.startswith("RULE#"), consistent_read=True)
        rules = [_rule(i) for i in items if isinstance(i, RuleItem)]
        cached = (version, sorted(rules, key=lambda r: r.position))
        _CACHE[org_id] = cached
        while len(_CACHE) > CACHE_ORGS:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(org_id)
    return [r for r in cached[1] if r.is_active and r.trigger_type is trigger]


def time_rules() -> list[AutomationRule]:
    """Every organization's active time-based rules (the scheduled run; GSI2, sparse)."""
    return [_rule(i) for i in RuleItem.gsi2.query(TIME_RULES_PK) if isinstance(i, RuleItem)]


def guard_put(
    org_id: str, number: int, event_id: str, rule_ids: list[str], now: datetime, pk: str | None = None
) -> Put:
    """The run guard of one event: in the ticket's partition, or ``pk`` (a work order's events partition)."""
    item = RunGuardItem(
        PK=pk or ticket_pk(org_id, number), SK=f"AUTORUN#{event_id}", rules=rule_ids, expires_at=now + GUARD_TTL
    )
    done = Conflict("These rules already ran for this event.", code="already_applied")
    return Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=done, check_version=False)


def stats_update(org_id: str, rule_id: str, ok: bool, elapsed_ms: float, now: datetime, error: str | None) -> Touch:
    actions: list[Any] = [
        Path("execution_count").add(1),
        Path("success_count" if ok else "failure_count").add(1),
        Path("total_execution_ms").add(round(elapsed_ms, 3)),
        Path("last_executed_at").set(iso(now)),
    ]
    if error is not None:
        actions += [Path("last_error").set(error[:500]), Path("last_error_at").set(iso(now))]
    gone = Conflict("The rule was deleted meanwhile.", code="rule_deleted")
    return Touch(RuleStatsItem, org_pk(org_id), stats_sk(rule_id), actions, on_conflict=gone)


def record_failure(org_id: str, rule_id: str, error: str, now: datetime) -> None:
    """A failure found after the rules' transaction (a webhook delivery): SET the last error."""
    transact_write(
        [
            Touch(
                RuleStatsItem,
                org_pk(org_id),
                stats_sk(rule_id),
                [Path("last_error").set(error[:500]), Path("last_error_at").set(iso(now))],
            )
        ]
    )


def next_turn(org_id: str, department_id: str) -> int:
    """Round-robin position of a department: an atomic ADD (concurrent rules take different turns)."""
    data = RoundRobinItem._get_connection().update_item(
        org_pk(org_id),
        f"ROUNDROBIN#{department_id}",
        actions=[RoundRobinItem.turn.add(1), RoundRobinItem.type.set(RoundRobinItem)],  # type: ignore[arg-type]
        return_values="UPDATED_NEW",
    )
    return int(data["Attributes"]["turn"]["N"])


def peek_turn(org_id: str, department_id: str) -> int:
    """The next round-robin position without taking it (dry runs)."""
    try:
        return int(RoundRobinItem.get(org_pk(org_id), f"ROUNDROBIN#{department_id}").turn or 0) + 1
    except RoundRobinItem.DoesNotExist:
        return 1
