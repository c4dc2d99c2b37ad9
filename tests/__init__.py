"""Property-based tests; ``tests/`` mirrors the packages' modules."""
