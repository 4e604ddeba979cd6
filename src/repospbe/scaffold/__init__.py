"""Scaffolding from the registry's cookiecutter templates, and template drift."""
