"""The one place each mechanism's switch is read, where a parameter cannot say what "off" does.

A switch acts in one of two ways (:mod:`sim.mechanisms.registry`). Most of what "off" means is a
parameter's value: the registry declares it with the mechanism (:attr:`Mechanism.off`) and the
parameter table applies it run by run, so the model reads the neutral value where the mechanism
is off and never asks the switch. What no parameter can say — a state held where it is, an act
forced, a quantity another mechanism reads taken as nothing — goes through the mechanism's gate
here: ``switches.china(on, act, DISTANCE)`` is ``act`` where China's unease is switched on and
``DISTANCE`` where it is off. Each gate is the only code that reads its switch
(``tests/test_switches.py`` holds it); a mechanism whose "off" is all parameter values has none.
"""

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sim.parameters.table import Switches


def _where(enabled: NDArray[np.bool_], when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """``when_on`` where the runs' switch is on, else ``when_off`` (the runs axis first)."""
    extra = max(_ndim(when_on), _ndim(when_off)) - enabled.ndim
    if extra > 0:
        enabled = enabled.reshape(enabled.shape + (1,) * extra)
    return np.where(enabled, when_on, when_off)


def _ndim(value: ArrayLike) -> int:
    """How many axes a value has (an array's own count, read without a conversion)."""
    return value.ndim if isinstance(value, np.ndarray) else int(np.ndim(value))


def showmanship(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """US showmanship (1): off, a trade deal is no visible win that relieves the US's pressure.

    (Its proposals at the base rate are parameter values: ``pressure_gain``, ``window_boost``.)
    """
    return _where(on.showmanship, when_on, when_off)


def trust(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """Hollow summits cost trust (3): off, a hollow deal or a walk-out is no defection.

    (Forgiveness of a hollow deal and the drift of beliefs are parameter values.)
    """
    return _where(on.trust, when_on, when_off)


def lifeline(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """The Russian lifeline (4): off, North Korea counts no Russian flows or arms as support.

    Nor, when it weighs an invitation, any outside support against its need for relief. (That
    the flows offset no sanctions is a parameter value, ``lifeline.offset``.)
    """
    return _where(on.lifeline, when_on, when_off)


def sanctions(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """Sanctions bite where enforced (5): off, every sanctioning state enforces in full.

    And the US expects every push to pass. (Vetoes that read no alignment are a parameter value,
    ``sanctions.alignment_weight``.)
    """
    return _where(on.sanctions, when_on, when_off)


def china(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """China's unease (6): off, China keeps its distance every month.

    (Its concern and support held, Russia unrestrained by the concern, no call for restraint:
    parameter values.)
    """
    return _where(on.china, when_on, when_off)


def japan(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """Japan squeezed (7): off, Japan's politics stands still and weighs on no one.

    Its pressure and support stay where they start, no vote or trade outcome touches its
    government, its outreach sees no pressure and its hawkishness adds nothing to the US's push.
    (No fall on low support and no worth of normalisation: parameter values.)
    """
    return _where(on.japan, when_on, when_off)


def korea(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """South Korea moves first (8): off, Seoul's leadership does not grow.

    (No initiatives or gestures: parameter values.)
    """
    return _where(on.korea, when_on, when_off)


def mediation(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """South Korea mediates (9): off, Seoul never mediates.

    (No invitation from Pyongyang through Seoul: a parameter value.)
    """
    return _where(on.mediation, when_on, when_off)


def winsets(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """Freeze versus denuclearization (10): off, a summit reaches a declaration at most.

    (No convergence, freeze-first drift, consultation or answer in kind: parameter values.)
    """
    return _where(on.winsets, when_on, when_off)


def cooperation(on: Switches, when_on: ArrayLike, when_off: ArrayLike) -> NDArray[Any]:
    """Cooperation follows dialogue (11): off, no inter-Korean projects, and China sees no FTA.

    (The FTA held and no dividend in North Korea's calculus: parameter values.)
    """
    return _where(on.cooperation, when_on, when_off)
