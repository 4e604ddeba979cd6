"""DNS as code: build the Pemda zone from the registry, plan, then apply.

- ``zone``: the desired record sets from ``registry/subdomains/`` and ``dns:``
  of ``instance.yaml`` (apex NS and nameserver addresses).
- ``deployed``: the current state, from a zone file or the last applied state.
- ``plan``: a value object of Create/Update/Delete changes with deterministic
  order, a sha256 checksum and octoDNS-style safety thresholds.
- ``bind``/``octodns``: the zone as an RFC 1035 zone file or octoDNS YAML.
- ``apply``: verify the checksum, write zone file and state atomically, run the
  operator's push hook.
"""
