"""The compliance summary of a registry: built in ``collect``, rendered in ``render``."""
