"""First-time setup of a Pemda registry: reviewers and OPD maintainers (``pengelola``), each with a public key."""
