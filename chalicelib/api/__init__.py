"""HTTP handlers: one ``Api`` (a Chalice blueprint) per resource family."""
