"""Use cases. Authorization is decided here; transactions are built here."""
