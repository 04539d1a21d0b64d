from typing import Literal

SLATargetOutState = Literal["breached", "met", "paused", "running"]

SLA_TARGET_OUT_STATE_VALUES: set[SLATargetOutState] = {
    "breached",
    "met",
    "paused",
    "running",
}


def check_sla_target_out_state(value: str) -> SLATargetOutState:
    if value in SLA_TARGET_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SLA_TARGET_OUT_STATE_VALUES!r}")
