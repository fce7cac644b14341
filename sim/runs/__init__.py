"""Runs and their files.

One run, lockstep batches and ensembles, outcomes, the narrative, the run directory and its
manifest, claimed names and the check that a saved run is valid.
"""
