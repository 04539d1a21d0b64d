from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LocationOutput")


@_attrs_define
class LocationOutput:
    """
    Attributes:
        address (None | str):
        postal_code (None | str):
        lat (float | None):
        lon (float | None):
    """

    address: None | str
    postal_code: None | str
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        address: None | str
        address = self.address

        postal_code: None | str
        postal_code = self.postal_code

        lat: float | None
        lat = self.lat

        lon: float | None
        lon = self.lon

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "postal_code": postal_code,
                "lat": lat,
                "lon": lon,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address = _parse_address(d.pop("address"))

        def _parse_postal_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        postal_code = _parse_postal_code(d.pop("postal_code"))

        def _parse_lat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lat = _parse_lat(d.pop("lat"))

        def _parse_lon(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lon = _parse_lon(d.pop("lon"))

        location_output = cls(
            address=address,
            postal_code=postal_code,
            lat=lat,
            lon=lon,
        )

        return location_output
