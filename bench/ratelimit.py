"""The rate limiter's own cost per request: DynamoDB calls and write units of its block claims
(chalicelib/services/ratelimit.py), the unused claims containers hold when the minute ends (the
tolerance of ``X-RateLimit-Remaining``), and the CPU one admission takes."""

from __future__ import annotations

import statistics
import time
from typing import Any

# (case, requests per second over the whole minute, containers sharing them round-robin, tier)
CASES: tuple[tuple[str, float, int, str], ...] = (
    ("free, 1 req/s, 1 container", 1.0, 1, "free"),
    ("free, 5 req/s (its whole 300/min), 1 container", 5.0, 1, "free"),
    ("free, 10 req/s (twice its limit), 1 container", 10.0, 1, "free"),
    ("enterprise, 50 req/s, 1 container", 50.0, 1, "enterprise"),
    ("enterprise, 50 req/s, 4 containers", 50.0, 4, "enterprise"),
    ("enterprise, 200 req/s (past 10,000/min), 8 containers", 200.0, 8, "enterprise"),
)
MINUTE_START = 1_900_000_020.0  # a window boundary (divisible by 60)


def claim_cost() -> list[dict[str, Any]]:
    """One organization's traffic for a whole minute (simulated clock) through ``Limiter.admit``
    on in-process moto; every claim counted and costed by the metering hooks."""
    from bench.capacity import capacity_meter
    from bench.seeding import in_process_aws

    rows = []
    with in_process_aws():
        from chalicelib.domain.identity import SubscriptionTier
        from chalicelib.domain.ratelimit import TIER_LIMITS, Scope
        from chalicelib.services import ratelimit
        from chalicelib.store import metering
        from chalicelib.store import ratelimit as store

        for n, (case, rate, containers, tier) in enumerate(CASES):
            # The default limits (the bench's environment raises them for its other sections).
            limit = TIER_LIMITS[SubscriptionTier(tier)]
            bucket = ratelimit.Bucket(store.organization_bucket(f"bench-rate-{n}"), Scope.ORGANIZATION, limit)
            limiters = [ratelimit.Limiter() for _ in range(containers)]
            requests = int(rate * 60)
            admitted = 0
            with capacity_meter() as meter, metering.metered() as calls:
                for i in range(requests):
                    decision = limiters[i % containers].admit(bucket, MINUTE_START + i / rate)
                    admitted += decision.allowed
            held = sum(limiter._buckets[bucket.key].held for limiter in limiters if bucket.key in limiter._buckets)
            wcu = sum(meter.cost(c).wcu for c in calls)
            rows.append(
                {
                    "case": case,
                    "limit": bucket.limit,
                    "requests": requests,
                    "admitted": admitted,
                    "refused": requests - admitted,
                    "dynamodb_calls": len(calls),
                    "calls_per_request": round(len(calls) / requests, 4),
                    "wcu_per_request": round(wcu / requests, 4),
                    "unused_claims_at_minute_end": held,
                }
            )
    return rows


def admission_cpu(loops: int = 20_000, runs: int = 7) -> dict[str, Any]:
    """CPU (``thread_time``) of one admission served from a held claim (no DynamoDB call), and of
    the headers every response gets; median of ``runs``."""
    from chalicelib.domain.ratelimit import Scope
    from chalicelib.services import ratelimit

    limiter = ratelimit.Limiter()
    bucket = ratelimit.Bucket("ORG#bench#RATE", Scope.ORGANIZATION, 10**9)
    state = limiter._held(bucket.key, 0)
    state.window, state.limit, state.claimed, state.held, state.used = 0, bucket.limit, bucket.limit, 10**9, 1
    samples, header_samples = [], []
    for _ in range(runs):
        started = time.thread_time()
        for _ in range(loops):
            decision = limiter.admit(bucket, 30.0)
        samples.append((time.thread_time() - started) / loops * 1e6)
        started = time.thread_time()
        for _ in range(loops):
            decision.headers()
        header_samples.append((time.thread_time() - started) / loops * 1e6)
    return {
        "admit from a held claim (us)": round(statistics.median(samples), 2),
        "X-RateLimit-* headers (us)": round(statistics.median(header_samples), 2),
    }
