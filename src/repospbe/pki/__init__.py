"""Electronic certificates (PSrE / BSrE): trust store, path validation, CMS signatures.

``trust`` loads the trust anchors and stored revocation data of a registry,
``validate`` validates a certificate path at a given moment (offline, revocation
required), ``cms`` makes and verifies detached CMS (PKCS#7) signatures, ``identity``
reads the official's name, NIP/NIK and organisation from the certificate subject,
and ``verdict`` is the immutable result with one reason per defect.
"""
