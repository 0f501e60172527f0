"""Outcomes confirmed against the plan's indicators: the value each kind needs, who may confirm, and the
append-only record with its audit trail. Nothing here is ever updated or deleted: a correction is a new
row, and the newest row per indicator and reporting year is the one that counts."""
