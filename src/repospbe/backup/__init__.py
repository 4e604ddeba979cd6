"""Backup, verification and restore of the registry and its source repositories.

A backup root holds sets, one directory each (``<time>-full`` or ``<time>-inc``):
git bundles of every repository, a ``manifest.json`` naming each bundle's sha256,
size and refs, and ``manifest.json.sig``, an SSH signature by the operator, and/or
``manifest.p7s``, a CMS signature by the operator's electronic certificate
(``certsign``), trusted through a directory outside the registry and the backup
(``certtrust``, ``operators``); ``policy`` says which kinds a verification accepts
and requires. An incremental set names its previous set's manifest digest: the chain.
"""
