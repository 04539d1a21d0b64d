from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.quick_rating import QuickRating, check_quick_rating
from ..types import UNSET, Unset

T = TypeVar("T", bound="CSATRateCommand")


@_attrs_define
class CSATRateCommand:
    """
    Attributes:
        token (str): the token from the rating link's #token= fragment
        rating (None | QuickRating | Unset): one click: good (recorded as 5) or bad (recorded as 1)
        score (int | None | Unset): the form: a score from 1 to 5
        comment (None | str | Unset):
    """

    token: str
    rating: None | QuickRating | Unset = UNSET
    score: int | None | Unset = UNSET
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        rating: None | str | Unset
        if isinstance(self.rating, Unset):
            rating = UNSET
        elif isinstance(self.rating, str):
            rating = self.rating
        else:
            rating = self.rating

        score: int | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
            }
        )
        if rating is not UNSET:
            field_dict["rating"] = rating
        if score is not UNSET:
            field_dict["score"] = score
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        def _parse_rating(data: object) -> None | QuickRating | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rating_type_0 = check_quick_rating(data)

                return rating_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuickRating | Unset, data)

        rating = _parse_rating(d.pop("rating", UNSET))

        def _parse_score(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        csat_rate_command = cls(
            token=token,
            rating=rating,
            score=score,
            comment=comment,
        )

        return csat_rate_command
