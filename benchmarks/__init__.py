"""Side-by-side benchmarks against named peers (not part of the test suite)."""
