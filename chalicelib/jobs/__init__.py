"""Lambda entry points that are not HTTP: the table stream, schedules. No rules of their own."""
