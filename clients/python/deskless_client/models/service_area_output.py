from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.geo_point import GeoPoint


T = TypeVar("T", bound="ServiceAreaOutput")


@_attrs_define
class ServiceAreaOutput:
    """Postal codes (``SW1*`` matches by prefix) and/or a centre point with a radius.

    A technician without any service area serves every location.

        Attributes:
            name (None | str):
            postal_codes (list[str]):
            center (GeoPoint | None):
            radius_km (float | None):
    """

    name: None | str
    postal_codes: list[str]
    center: GeoPoint | None
    radius_km: float | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.geo_point import GeoPoint  # noqa: PLC0415

        name: None | str
        name = self.name

        postal_codes = self.postal_codes

        center: dict[str, Any] | None
        if isinstance(self.center, GeoPoint):
            center = self.center.to_dict()
        else:
            center = self.center

        radius_km: float | None
        radius_km = self.radius_km

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "postal_codes": postal_codes,
                "center": center,
                "radius_km": radius_km,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.geo_point import GeoPoint  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        postal_codes = cast(list[str], d.pop("postal_codes"))

        def _parse_center(data: object) -> GeoPoint | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                center_type_0 = GeoPoint.from_dict(data)

                return center_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GeoPoint | None, data)

        center = _parse_center(d.pop("center"))

        def _parse_radius_km(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radius_km = _parse_radius_km(d.pop("radius_km"))

        service_area_output = cls(
            name=name,
            postal_codes=postal_codes,
            center=center,
            radius_km=radius_km,
        )

        return service_area_output
