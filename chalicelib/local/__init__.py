"""The local stack: moto server, table creation, seed, scheduler and stream poller (``make run``).

Never imported by the deployed Lambda code.
"""
