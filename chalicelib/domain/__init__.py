"""Pure domain logic: no I/O, no AWS, no imports from the rest of the project."""
