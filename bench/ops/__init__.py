"""The measured API operations, one module per area (registered by ``bench.operations.load``)."""
