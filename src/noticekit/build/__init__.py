"""Building files: one authority's documents as bytes, the worker pool, the ledger and manifest, and atomic writes."""
