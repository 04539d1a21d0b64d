from typing import Literal

CustomerTier = Literal["premium", "standard", "vip"]

CUSTOMER_TIER_VALUES: set[CustomerTier] = {
    "premium",
    "standard",
    "vip",
}


def check_customer_tier(value: str) -> CustomerTier:
    if value in CUSTOMER_TIER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CUSTOMER_TIER_VALUES!r}")
