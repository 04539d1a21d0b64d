"""The root of every pydantic model in the project.

Validators and serializers are built on first use, not at import (``defer_build``): a Lambda
imports about 380 models and one request uses a handful, so building them all cost ~110 ms of
every cold start. Pydantic builds a model once per process, on its first validation or dump.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, RootModel


class Model(BaseModel):
    """``pydantic.BaseModel`` built lazily; subclass this, never ``BaseModel`` directly
    (tests/unit/test_lazy_models.py checks every model of the project)."""

    model_config = ConfigDict(defer_build=True)


RootT = TypeVar("RootT")


class Root(RootModel[RootT], Generic[RootT]):
    """``pydantic.RootModel`` built lazily (``RootModel[X]`` itself would be built at import)."""

    model_config = ConfigDict(defer_build=True)
