"""Head cells (项目名称, 实施单位 …) as text layers and document sites print them apart from
their values: two labels joined by a slash with their values joined the same way, and a
value drawn before its label. Called by ``form_engine.read_info``; the label tests come
from there (``labelled``: a form's label; ``titled``: a table's title).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from jixiao.model.values import Cell
from jixiao.readers.form_fit import is_number
from jixiao.vocabulary import Form

if TYPE_CHECKING:
    from jixiao.readers.form_engine import Table

Predicate = Callable[[str], bool]


_SLASH = re.compile(r"\s*[/／]\s*")


def joint_value(table: Table, labelled: Predicate, i: int, word: str, last: int) -> tuple[Cell | None] | None:
    """A head cell that joins two labels with a slash (项目实施单位/项目负责人) and its value
    the two values the same way (某中心/某人): the part at the label's place. Printed in one
    cell or as ``A`` ``/`` ``B`` cells. A value with another count of parts is no reading
    (``(None,)``); ``None`` where the label stands alone."""
    chain, place, after = _label_chain(table, labelled, i, word, last)
    if len(chain) < 2:
        return None
    nxt = next((j for j in range(after, min(last, after + 2)) if table.tokens[j].text.strip()), None)
    if nxt is None or labelled(table.keys[nxt]):
        return (None,)
    parts = _SLASH.split(table.tokens[nxt].text.strip())
    if len(parts) != len(chain) or not parts[place]:
        return (None,)
    return (Cell.read(parts[place], table.tokens[nxt].where),)


_BEFORE_CELLS = 3          # a wrapped value printed before its label: at most this many pieces
_BRACKETED = re.compile(r"^\s*[(（].*[)）]\s*$")


def value_before(table: Table, form: Form, i: int, first: int, labelled: Predicate, titled: Predicate) -> Cell | None:
    """A value printed before its label: a PDF text layer in drawing order prints a
    vertically merged label cell after the (wrapped) value beside it (普陀体育中心与委托运营方结 |
    算费用 | 项目名称 | 主管部门 …). Read where the label has no value after it, the words
    just before it (at most three pieces, joined as one wrapped cell) follow a cell that is
    no info label (a title, a bracketed note, a number, a fund item or column) and so are
    no other label's value."""
    j = i - 1
    while j >= first and i - j <= _BEFORE_CELLS and _plain_words(form, table.keys[j], table.tokens[j].text, labelled, titled):
        j -= 1
    if j == i - 1 or j < first or i - j > _BEFORE_CELLS:
        return None
    stop, text = table.keys[j], table.tokens[j].text
    if _plain_words(form, stop, text, labelled, titled) or form.info.role_of(stop, limit=40) is not None:
        return None
    if not (titled(stop) or _BRACKETED.match(text) or is_number(text) or labelled(stop)):
        return None
    pieces = [table.tokens[k].text.strip() for k in range(j + 1, i)]
    return Cell.read("".join(pieces), table.tokens[j + 1].where)


def _plain_words(form: Form, key: str, text: str, labelled: Predicate, titled: Predicate) -> bool:
    """A cell of words that may be a value: no label (nor a fund line's item), no title, no
    number, no bracket, no clause."""
    return bool(key) and not labelled(key) and not titled(key) and key not in form.fund_items and not _BRACKETED.match(text) \
        and not re.search(r"\d", key) and not re.search(r"[。；;，,：:]", key) and len(key) <= 40


def read_joint_tails(table: Table, form: Form, labelled: Predicate, first: int, last: int) -> None:
    """The labels after the first of a one-cell joint label (项目负责人/项目实施单位), which
    the cell's start does not name: their part of the joint value, where no other label gave one."""
    for i in range(first, last):
        for word in _SLASH.split(table.keys[i])[1:]:
            role = next((r for r, words in form.info.labels if word in words), None)
            if role is None or role in table.info:
                continue
            joint = joint_value(table, labelled, i, word, last)
            if joint is not None and joint[0] is not None and not joint[0].empty:
                table.info[role] = joint[0]


def _label_chain(table: Table, labelled: Predicate, i: int, word: str, last: int) -> tuple[list[str], int, int]:
    """The labels joined by slashes around ``i``, the place of ``word`` among them, and the
    index of the first cell after them."""
    own = _SLASH.split(table.keys[i])
    if len(own) > 1:
        if all(labelled(k) for k in own) and word in own:
            return own, own.index(word), i + 1
        return [word], 0, i + 1
    before: list[str] = []
    j = i
    while j >= 2 and _SLASH.fullmatch(table.keys[j - 1]) and labelled(table.keys[j - 2]):
        before.insert(0, table.keys[j - 2])
        j -= 2
    chain = before + [word]
    j = i
    while j + 2 < last and _SLASH.fullmatch(table.keys[j + 1]) and labelled(table.keys[j + 2]):
        chain.append(table.keys[j + 2])
        j += 2
    return chain, len(before), j + 1
