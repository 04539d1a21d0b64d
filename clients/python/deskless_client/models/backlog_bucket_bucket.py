from typing import Literal

BacklogBucketBucket = Literal["1_3d", "3_7d", "7_30d", "gt_30d", "lt_1d"]

BACKLOG_BUCKET_BUCKET_VALUES: set[BacklogBucketBucket] = {
    "1_3d",
    "3_7d",
    "7_30d",
    "gt_30d",
    "lt_1d",
}


def check_backlog_bucket_bucket(value: str) -> BacklogBucketBucket:
    if value in BACKLOG_BUCKET_BUCKET_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BACKLOG_BUCKET_BUCKET_VALUES!r}")
