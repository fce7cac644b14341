"""The one error a user sees: bad input, reported on one line."""


class InputError(Exception):
    """Bad input: a file, a key path, or a value that cannot be used.

    ``str(error)`` is one line a user can act on, ``<file>: <key.path>: <what is wrong>``;
    the command line prints it and exits with status 2.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class InvalidRunError(Exception):
    """A run whose state went invalid (NaN, or a bounded state outside [0, 1]).

    ``str(error)`` is one line naming the month and the likely parameter; the command line
    prints it and exits with status 1, and nothing of the run is saved.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
