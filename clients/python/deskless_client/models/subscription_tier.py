from typing import Literal

SubscriptionTier = Literal["enterprise", "free", "professional", "standard"]

SUBSCRIPTION_TIER_VALUES: set[SubscriptionTier] = {
    "enterprise",
    "free",
    "professional",
    "standard",
}


def check_subscription_tier(value: str) -> SubscriptionTier:
    if value in SUBSCRIPTION_TIER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SUBSCRIPTION_TIER_VALUES!r}")
