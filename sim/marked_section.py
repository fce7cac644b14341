"""Generated sections of hand-written documents, kept between a pair of HTML comment markers.

``docs/ODD.md`` holds the parameter table (:mod:`tools.odd_table`) and ``docs/calibration.md``
the calibration table (:mod:`sim.calibration.record`) between markers, so a command can
regenerate the table and leave the prose around it alone.
"""

from pathlib import Path

from sim.errors import InputError


def marked_section(text: str, begin: str, end: str) -> str | None:
    """The text between the markers (without them), or None when either is missing."""
    if begin not in text or end not in text.split(begin, 1)[1]:
        return None
    return text.split(begin, 1)[1].split(end, 1)[0]


def replace_marked_section(path: Path, begin: str, end: str, body: str) -> None:
    """Write ``body`` between the markers of the document at ``path``, atomically.

    A file that does not exist is created holding the markers and ``body``; an existing file
    without the markers is an InputError rather than being overwritten.
    """
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if marked_section(text, begin, end) is None:
            raise InputError(f"{path}: has no {begin} … {end} markers to write between")
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
    else:
        head, tail = "", "\n"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(f"{head}{begin}\n{body}{end}{tail}", encoding="utf-8")
    temporary.replace(path)
