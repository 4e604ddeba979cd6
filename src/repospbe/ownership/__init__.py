"""Ownership: each OPD changes only its own records; Diskominfo governs the rest.

The rule (after is-a.dev's "the owner of every changed record must be the author"),
keyed on OPD codes: for every path a change adds, modifies or deletes, the opener,
known by the SSH key that signed the opening, must be a maintainer of the owning
OPD, a vendor of that app within contract, or a Diskominfo reviewer. Membership is
read from the registry as it was BEFORE the change.
"""
