"""The figures the lessons quote: compute them, write their table, rewrite their quotations.

``python -m tools.lesson_figures`` prints the table of every figure the lessons of
``docs/teaching.md`` declare, computed from the lessons' own runs; ``--write`` puts it into
``docs/lessons/figures.md`` and rewrites every quotation of a figure in ``docs/teaching.md`` and
``docs/lessons/*.md`` (:mod:`sim.classroom.lesson_figures`).
"""

import argparse
from pathlib import Path

from sim.classroom.lesson_figures import BEGIN, END, lesson_figures, requote, table
from sim.classroom.lessons import read_lessons, run_lesson
from sim.marked_section import replace_marked_section

DOCS = Path(__file__).resolve().parent.parent / "docs"
TEACHING = DOCS / "teaching.md"
FIGURES = DOCS / "lessons" / "figures.md"


def quoting_documents() -> list[Path]:
    """The documents that quote the lessons' figures."""
    return [TEACHING, *sorted((DOCS / "lessons").glob("*.md"))]


def main() -> None:
    """Print the table, or with ``--write`` write it and requote every document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the table and requote")
    args = parser.parse_args()
    lessons = read_lessons(TEACHING)
    values: dict[str, str] = {}
    for lesson in lessons:
        values.update(lesson_figures(lesson, run_lesson(lesson)))
    body = table(lessons, values)
    if not args.write:
        print(body, end="")
        return
    replace_marked_section(FIGURES, BEGIN, END, body)
    for path in quoting_documents():
        requote(path, values)


if __name__ == "__main__":
    main()
