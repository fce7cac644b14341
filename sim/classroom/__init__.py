"""The classroom: many futures at a glance, playing a country, and the lessons' checks (the page
itself is :mod:`sim.app`)."""
