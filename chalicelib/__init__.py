"""Deskless: a multi-tenant helpdesk and field-service backend (see docs/architecture.md)."""
