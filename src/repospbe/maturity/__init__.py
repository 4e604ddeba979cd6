"""SPBE maturity ladder per app and per OPD, from the evidence the registry holds."""
