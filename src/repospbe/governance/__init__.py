"""Governance: merge requests, signed decisions, releases and the audit trail."""
