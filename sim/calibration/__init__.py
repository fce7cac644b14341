"""Calibration: the dated 2017–2018 record, the replay of 2017–2019 against it, and
``neasim calibrate``."""
