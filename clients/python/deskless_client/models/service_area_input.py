from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.geo_point import GeoPoint


T = TypeVar("T", bound="ServiceAreaInput")


@_attrs_define
class ServiceAreaInput:
    """Postal codes (``SW1*`` matches by prefix) and/or a centre point with a radius.

    A technician without any service area serves every location.

        Attributes:
            name (None | str | Unset):
            postal_codes (list[str] | Unset):
            center (GeoPoint | None | Unset):
            radius_km (float | None | Unset):
    """

    name: None | str | Unset = UNSET
    postal_codes: list[str] | Unset = UNSET
    center: GeoPoint | None | Unset = UNSET
    radius_km: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.geo_point import GeoPoint  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        postal_codes: list[str] | Unset = UNSET
        if not isinstance(self.postal_codes, Unset):
            postal_codes = self.postal_codes

        center: dict[str, Any] | None | Unset
        if isinstance(self.center, Unset):
            center = UNSET
        elif isinstance(self.center, GeoPoint):
            center = self.center.to_dict()
        else:
            center = self.center

        radius_km: float | None | Unset
        if isinstance(self.radius_km, Unset):
            radius_km = UNSET
        else:
            radius_km = self.radius_km

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if postal_codes is not UNSET:
            field_dict["postal_codes"] = postal_codes
        if center is not UNSET:
            field_dict["center"] = center
        if radius_km is not UNSET:
            field_dict["radius_km"] = radius_km

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.geo_point import GeoPoint  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        postal_codes = cast(list[str], d.pop("postal_codes", UNSET))

        def _parse_center(data: object) -> GeoPoint | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                center_type_0 = GeoPoint.from_dict(data)

                return center_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GeoPoint | None | Unset, data)

        center = _parse_center(d.pop("center", UNSET))

        def _parse_radius_km(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        radius_km = _parse_radius_km(d.pop("radius_km", UNSET))

        service_area_input = cls(
            name=name,
            postal_codes=postal_codes,
            center=center,
            radius_km=radius_km,
        )

        return service_area_input
