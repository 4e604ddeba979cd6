"""asn1crypto's name tables after pyHanko is imported late.

asn1crypto maps object identifiers to names in class tables (``_map``) and builds the reverse
table (name to identifier) once, on first use. ``asn1crypto.tsp``, pyHanko and
pyhanko-certvalidator add names to ``_map`` when they are imported, without touching a reverse
table already built. repospbe imports pyHanko only when a PDF or certificate is judged, so one
may have been built before: a name such as ``signing_certificate_v2`` would then not be found.
``forget_reverse_names`` rebuilds every reverse table already built from its ``_map``.
"""

from __future__ import annotations

from asn1crypto import algos, cms, tsp, x509  # noqa: F401  (tsp: its names are registered on import)


def forget_reverse_names() -> None:
    """Call after importing pyHanko or pyhanko-certvalidator (cheap: the tables rebuild lazily)."""
    for table in (cms.CMSAttributeType, cms.ContentType, x509.ExtensionId, algos.SignedDigestAlgorithmId):
        if table._reverse_map is not None:  # built: asn1crypto never builds it again
            table._reverse_map = {name: oid for oid, name in table._map.items()}
