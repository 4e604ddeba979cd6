"""Vendor handover: safe extraction, source import, manifest, BAST and the registry branch."""
