"""The base of every stored entity: it is validated whenever it changes, not only when it is built.

Pydantic validates a model when it is built from data, but ``model_copy(update=...)`` (how the
services change an entity) and attribute assignment skip validation, so a change could store what
no request could create: a negative ``max_concurrent_tickets``, a 300-character subject, a priority
that is no Priority, a required field set to null. Here both re-validate, and a change that would
leave the entity invalid is refused as 422 ``invalid_change`` (each detail names a field) before
anything is written. Values already validated (nested models, enums) are reused, not rebuilt.

>>> ticket.model_copy(update={"priority": "whenever"})  # RuleViolation(code="invalid_change")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from chalicelib.domain.base import Model
from chalicelib.domain.errors import RuleViolation, validation_details


def invalid_change(entity: type[BaseModel], exc: ValidationError) -> RuleViolation:
    return RuleViolation(
        f"The change would leave the {entity.__name__} invalid; each detail names a field.",
        code="invalid_change",
        details=validation_details(exc),
    )


class Entity(Model):
    model_config = ConfigDict(validate_assignment=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied, validated as a whole (cross-field rules included)."""
        if not update:
            return super().model_copy(deep=deep)
        values = {**self.__dict__, **(self.__pydantic_extra__ or {}), **update}
        try:
            changed = self.model_validate(values)
        except ValidationError as exc:
            raise invalid_change(type(self), exc) from exc
        return changed.model_copy(deep=True) if deep else changed

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            raise invalid_change(type(self), exc) from exc
