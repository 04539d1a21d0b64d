from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.manifest_link import ManifestLink
    from ..models.tenant_job_out_parts_item import TenantJobOutPartsItem


T = TypeVar("T", bound="TenantJobOut")


@_attrs_define
class TenantJobOut:
    """
    Attributes:
        id (str):
        kind (str): export, delete or search_reindex
        state (str): running or done
        pages (int):
        items (int): items exported (or deleted; search_reindex: tickets re-indexed) so far
        requested_by_id (str):
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        parts (list[TenantJobOutPartsItem]): when done: {key, items, sha256, url} per gzipped JSON Lines part
        manifest (ManifestLink | None): export, when done: what it holds, what was redacted and what was left out
    """

    id: str
    kind: str
    state: str
    pages: int
    items: int
    requested_by_id: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    parts: list[TenantJobOutPartsItem]
    manifest: ManifestLink | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.manifest_link import ManifestLink  # noqa: PLC0415

        id = self.id

        kind = self.kind

        state = self.state

        pages = self.pages

        items = self.items

        requested_by_id = self.requested_by_id

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        parts = []
        for parts_item_data in self.parts:
            parts_item = parts_item_data.to_dict()
            parts.append(parts_item)

        manifest: dict[str, Any] | None
        if isinstance(self.manifest, ManifestLink):
            manifest = self.manifest.to_dict()
        else:
            manifest = self.manifest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "state": state,
                "pages": pages,
                "items": items,
                "requested_by_id": requested_by_id,
                "created_at": created_at,
                "finished_at": finished_at,
                "parts": parts,
                "manifest": manifest,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.manifest_link import ManifestLink  # noqa: PLC0415
        from ..models.tenant_job_out_parts_item import TenantJobOutPartsItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        state = d.pop("state")

        pages = d.pop("pages")

        items = d.pop("items")

        requested_by_id = d.pop("requested_by_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        parts = []
        _parts = d.pop("parts")
        for parts_item_data in _parts:
            parts_item = TenantJobOutPartsItem.from_dict(parts_item_data)

            parts.append(parts_item)

        def _parse_manifest(data: object) -> ManifestLink | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                manifest_type_0 = ManifestLink.from_dict(data)

                return manifest_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ManifestLink | None, data)

        manifest = _parse_manifest(d.pop("manifest"))

        tenant_job_out = cls(
            id=id,
            kind=kind,
            state=state,
            pages=pages,
            items=items,
            requested_by_id=requested_by_id,
            created_at=created_at,
            finished_at=finished_at,
            parts=parts,
            manifest=manifest,
        )

        tenant_job_out.additional_properties = d
        return tenant_job_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
