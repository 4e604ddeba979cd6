"""The merge-request pipeline: registry checks plus source checks, and its record."""
