"""Dependency advisories (SCA): a local OSV database and the matching of SBOM components against it."""
