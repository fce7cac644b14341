"""Read saved runs and sweeps; plots and statistics. Never re-simulates."""
