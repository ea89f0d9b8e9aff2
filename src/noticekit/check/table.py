"""The coverage part of `noticekit check`, as a table people read (abridged):

    UK GDPR Articles 13 and 14 coverage (yes: ...; no: ...; n/a: does not apply to this council; -: not rendered)
      A  children-in-need       current law
      B  children-in-need-1998  NOT CURRENT LAW

    exampleshire                                          A      B
      13(1)(a)         Controller's identity and contact  yes    yes
      ...
      13(2)(c)         Right to withdraw consent          n/a    n/a
      Covered (of the items that apply)                   19/19  3/19
      Flesch reading ease (60+: plain)                    64.5   43.3
      Reading age (F-K grade + 5)                         12.4   18.3
      n/a: Right to withdraw consent: no basis is consent (Article 6(1)(a) or 9(2)(a))

A council in Wales has a column for each of its languages: "A" English, "A cy" Welsh, "A cy+en"
bilingual; readability is not measured for Welsh ("n/m"): the Flesch formulas are English ones.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence

from noticekit.check.coverage import Coverage
from noticekit.check.report import CheckReport
from noticekit.wording.articles import ITEMS

CELL = 7  # a column's width; wider when a council in Wales has a column per language ("A cy+en")
INDENT = "  "


def table(report: CheckReport) -> list[str]:
    """The legend, then one block per authority; nothing if no authority could be checked."""
    if not report.coverage:
        return []
    letters = {layout.name: _letter(index) for index, layout in enumerate(report.layouts)}
    width = max(len(name) for name in letters)
    lines = [f"UK GDPR Articles 13 and 14 coverage ({LEGEND})"]
    for layout in report.layouts:
        status = "current law" if layout.current else "NOT CURRENT LAW"
        lines.append(f"{INDENT}{letters[layout.name]}  {layout.name.ljust(width)}  {status}")
    for authority in dict.fromkeys(row.authority for row in report.coverage):
        lines += ["", *_block(authority, [row for row in report.coverage if row.authority == authority], letters)]
    return lines


LEGEND = "yes: the notice covers it; no: it does not; n/a: does not apply to this council; -: not rendered"
ARTICLE_WIDTH = max(len(item.article) for item in ITEMS)


def _block(authority: str, rows: Sequence[Coverage], letters: dict[str, str]) -> list[str]:
    label_width = max(len(_label(item)) for item in ITEMS)
    cell = max(CELL, *(len(_column(row, letters)) + 2 for row in rows))
    lines = [(authority.ljust(label_width + len(INDENT) + 2) + "".join(_column(row, letters).ljust(cell) for row in rows)).rstrip()]
    for index, item in enumerate(ITEMS):
        lines.append(_row(_label(item), _cells(rows, lambda row, index=index: row.results[index].cell), label_width, cell))
    lines += [
        _row("Covered (of the items that apply)", _cells(rows, lambda row: f"{row.covered}/{row.applicable}"), label_width, cell),
        _row("Flesch reading ease (60+: plain)", _cells(rows, lambda row: f"{row.readability.reading_ease:.1f}" if row.measured else "n/m"),
             label_width, cell),
        _row("Reading age (F-K grade + 5)", _cells(rows, lambda row: f"{row.readability.reading_age:.1f}" if row.measured else "n/m"),
             label_width, cell),
    ]
    if not all(row.measured for row in rows):
        lines.append(f"{INDENT}n/m: readability not measured: the Flesch formulas measure English, and would give Welsh a wrong figure")
    lines += [f"{INDENT}{_letter_of(row, letters)}: {authority}'s own layout, {row.layout.name}, which extends {row.layout.extends.name}"
              for row in rows if row.layout.name not in letters]
    lines += [f"{INDENT}{_column(row, letters)}: not rendered: {row.not_rendered}" for row in rows if row.not_rendered]
    return lines + _not_applicable(rows)


def _letter_of(row: Coverage, letters: dict[str, str]) -> str:
    """The column of a row: its layout's, or, for a council's own layout, the one it extends."""
    return letters.get(row.layout.name) or letters[row.layout.extends.name]


LANGUAGE_COLUMNS = {"en": "", "cy": " cy", "bilingual": " cy+en"}


def _column(row: Coverage, letters: dict[str, str]) -> str:
    """A row's column heading: its layout's letter, and its language when not English ("A cy")."""
    return _letter_of(row, letters) + LANGUAGE_COLUMNS[row.language]


def _label(item) -> str:
    return f"{item.article.ljust(ARTICLE_WIDTH)}  {item.label}"


def _not_applicable(rows: Sequence[Coverage]) -> list[str]:
    """Why each n/a item does not apply to the authority (the same for every layout of it)."""
    reasons = {result.item.key: result for row in rows for result in row.results if not result.applies}
    return [f"{INDENT}n/a: {result.item.label}: {result.not_applicable}" for result in reasons.values()]


def _letter(index: int) -> str:
    """A, B, ... Z, then 27, 28, ... (more layouts than letters is unlikely, never an error)."""
    return string.ascii_uppercase[index] if index < len(string.ascii_uppercase) else str(index + 1)


def _cells(rows: Sequence[Coverage], value: Callable[[Coverage], str]) -> list[str]:
    return ["-" if row.not_rendered else value(row) for row in rows]


def _row(label: str, cells: Sequence[str], label_width: int, width: int = CELL) -> str:
    return (INDENT + label.ljust(label_width) + "  " + "".join(cell.ljust(width) for cell in cells)).rstrip()
