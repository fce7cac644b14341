"""Parameters, each declared once.

The schema and the mechanisms' groups, strict YAML input, and the per-run table the model reads
(one value per run).
"""
