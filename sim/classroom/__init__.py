"""The classroom: many futures at a glance, playing a country, and the lessons' checks.

The page itself is :mod:`sim.app`.
"""
