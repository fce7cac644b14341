"""Calibration of the model against the record.

The dated 2017–2018 record, the replay of 2017–2019 against it, and ``neasim calibrate``.
"""
