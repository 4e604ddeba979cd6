"""Backup, verification and restore of the registry and its source repositories.

A backup root holds sets, one directory each (``<time>-full`` or ``<time>-inc``):
git bundles of every repository, a ``manifest.json`` naming each bundle's sha256,
size and refs, and ``manifest.json.sig``, an SSH signature by the operator.
An incremental set names its previous set's manifest digest: the chain.
"""
