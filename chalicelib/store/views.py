"""Saved view items and the counters that cap them.

| item | PK | SK |
|---|---|---|
| shared view (organization, department) | ``ORG#o#VIEWS`` | ``S#<id>`` |
| personal view | ``ORG#o#VIEWS`` | ``U#<owner>#<id>`` |
| view counter | ``ORG#o`` | ``VIEWCOUNT#SHARED``, ``VIEWCOUNT#USER#<u>`` |

The views a reader can use are TWO Queries of that one partition, each bounded by a cap:
``begins_with(SK, "S#")`` (at most 200 shared views) and ``begins_with(SK, "U#<reader>#")`` (at
most 100 personal ones). A view is read by id with ONE BatchGetItem of its two possible keys, the
personal one built from the CALLER's id, so another user's personal view is never even addressed.
The counters move in the view's own transaction, so a cap holds under any concurrency.
"""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.views import MAX_PERSONAL, MAX_SHARED, View, ViewScope
from chalicelib.store.departments import active_check, is_id
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Counter, Delete, Operation, Put, transact_write

SHARED = "S#"
PERSONAL = "U#"


class ViewItem(TableItem, discriminator="SavedView"):
    org_id = UnicodeAttribute()
    view_id = UnicodeAttribute()
    scope = UnicodeAttribute()
    data = JSONAttribute()  # the View entity (validated by pydantic on the way out)


class ViewCountItem(TableItem, discriminator="ViewCount"):
    views = NumberAttribute(default=0)


def views_pk(org_id: str) -> str:
    return tenant_key(org_id, "VIEWS")


def view_sk(view: View) -> str:
    if view.scope is ViewScope.PERSONAL:
        return personal_sk(str(view.owner_id), view.id)
    return SHARED + view.id


def personal_sk(owner_id: str, view_id: str) -> str:
    return f"{PERSONAL}{owner_id}#{view_id}"


def _counter_sk(view: View) -> str:
    return "VIEWCOUNT#SHARED" if view.scope is not ViewScope.PERSONAL else f"VIEWCOUNT#USER#{view.owner_id}"


def _item(view: View) -> ViewItem:
    return ViewItem(
        PK=views_pk(view.org_id),
        SK=view_sk(view),
        org_id=view.org_id,
        view_id=view.id,
        scope=view.scope.value,
        data=view.model_dump(mode="json", exclude={"version"}),
    )


def to_view(item: ViewItem) -> View:
    return View.model_validate({**item.data, "version": item.version or 1})


def too_many(view: View) -> RuleViolation:
    cap = MAX_PERSONAL if view.scope is ViewScope.PERSONAL else MAX_SHARED
    whose = "you have" if view.scope is ViewScope.PERSONAL else "the organization has"
    return RuleViolation(
        f"At most {cap} {'personal' if view.scope is ViewScope.PERSONAL else 'shared'} views; {whose} that many.",
        code="too_many_views",
        details=[{"field": "scope", "message": f"at most {cap}", "type": "limit", "limit": cap}],
    )


def invalid_department() -> RuleViolation:
    return RuleViolation(
        "A department view needs an active department of the organization.",
        code="invalid_department",
        details=[{"field": "department_id", "message": "not an active department", "type": "department"}],
    )


def create_view(view: View) -> View:
    """ONE transaction: the view, its counter (+1, refused at the cap) and, for a department view,
    a check that the department is active."""
    cap = MAX_PERSONAL if view.scope is ViewScope.PERSONAL else MAX_SHARED
    item = _item(view)
    operations: list[Operation] = [
        Counter(
            ViewCountItem,
            org_pk(view.org_id),
            _counter_sk(view),
            ViewCountItem.views,
            1,
            below=cap,
            on_conflict=too_many(view),
        ),
        Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=Conflict("View id taken.", code="id_taken")),
    ]
    if view.scope is ViewScope.DEPARTMENT:
        department = str(view.department_id)
        if not is_id(department):
            raise invalid_department()
        operations.append(active_check(view.org_id, department, invalid_department()))
    transact_write(operations)
    return view.model_copy(update={"version": 1})


def save_view(view: View, previous: View) -> View:
    """Write ``view`` if it is still at ``previous.version``."""
    item = _item(view)
    item.version = previous.version
    transact_write([Put(item, on_conflict=Conflict("The view was changed by someone else.", code="stale_version"))])
    return view.model_copy(update={"version": previous.version + 1})


def delete_view(view: View) -> None:
    """ONE transaction: the view (if still at its version) and its counter (-1)."""
    item = _item(view)
    item.version = view.version
    transact_write(
        [
            Delete(item, on_conflict=Conflict("The view was changed by someone else.", code="stale_version")),
            Counter(ViewCountItem, org_pk(view.org_id), _counter_sk(view), ViewCountItem.views, -1),
        ]
    )


def get_view(org_id: str, view_id: str, reader_id: str) -> View | None:
    """The shared view ``view_id`` or the reader's own personal one: ONE BatchGetItem of both keys."""
    if not is_id(view_id):
        return None
    keys = [(views_pk(org_id), SHARED + view_id), (views_pk(org_id), personal_sk(reader_id, view_id))]
    for item in TableItem.batch_get(keys):
        if isinstance(item, ViewItem):
            return to_view(item)
    return None


def list_views(org_id: str, reader_id: str) -> list[View]:
    """Every shared view of the organization and the reader's personal ones: TWO Queries, each
    bounded by its cap (200 shared, 100 personal)."""
    views: list[View] = []
    for prefix in (SHARED, f"{PERSONAL}{reader_id}#"):
        for item in ViewItem.query(views_pk(org_id), ViewItem.SK.startswith(prefix)):
            if isinstance(item, ViewItem):
                views.append(to_view(item))
    return views
