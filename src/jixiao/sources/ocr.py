"""Offline text recognition for scans: page images → lines of cells, as a PDF's text gives.

The engine is RapidOCR on ONNX Runtime (``pip install 'jixiao[ocr]'``); its models ship
inside the installed package, nothing is downloaded. Each recognised box is one cell;
boxes whose middles stand at one height make one line, left to right. A number read
with low confidence is left empty: an unreadable number is no number, never a guess.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from jixiao.sources.sheet import Doubt, Line, UnreadableInput

MIN_NUMBER_CONFIDENCE = 0.80      # below this a cell with digits is left empty
MAX_PAGES = 40                    # pages of a scan read at most (about 8 s a page on 2 cores)
MAX_PIXELS = 40_000_000           # an image larger than this is refused, not decoded
_DIGIT = re.compile(r"\d")
_DASH = re.compile(r"^[一二—–\-－_]{1,3}$")


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> None:
    if not available():
        raise UnreadableInput("扫描件或图片需要文字识别：请安装 jixiao[ocr]（pip install 'jixiao[ocr]'）",
                              "scanned page or image: install the OCR extra, pip install 'jixiao[ocr]'")


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def page_lines(images: Iterable[Any], first_line: int = 1) -> list[Line]:
    """Lines of cells of page images (PIL images or arrays), numbered on from ``first_line``."""
    import numpy as np

    lines: list[Line] = []
    for page, image in enumerate(images, start=1):
        if page > MAX_PAGES:
            break
        pixels = _deskewed(np.asarray(image.convert("RGB") if hasattr(image, "convert") else image))
        result, _ = _engine()(pixels)
        rules, walls = _rules(pixels)
        height, width = pixels.shape[0] or 1, pixels.shape[1] or 1
        unsure = _unsure(result or [])
        for row in _placed_rows(result or [], rules, walls):
            cells = [text for text, _ in row]
            boxes = tuple(None if b is None else (b[0] / width, b[1] / height, b[2] / width, b[3] / height)
                          for _, b in row)
            lines.append(Line(number=first_line + len(lines), text="\t".join(cells), cells=tuple(cells),
                              page=page, boxes=boxes, doubtful=_doubtful(row, unsure)))
    return lines


MAX_SKEW = 10.0                  # degrees a page may lean and be turned back
MIN_SKEW = 0.5                   # a smaller lean reads as it is (measured): turning blurs more than it mends


def _deskewed(pixels: Any) -> Any:
    """The page turned upright by the lean of its long ruled lines (a scan fed in askew):
    ruled rows and cells are found on horizontal and vertical lines only. A page without
    long lines is left as it is."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) if pixels.ndim == 3 else pixels
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    width = gray.shape[1]
    found = cv2.HoughLinesP(ink, 1, np.pi / 1800, threshold=width // 4, minLineLength=width // 3, maxLineGap=8)
    segments = np.asarray(found).reshape(-1, 4) if found is not None else np.empty((0, 4))
    angles = [float(np.degrees(np.arctan2(y2 - y1, x2 - x1))) for x1, y1, x2, y2 in segments]
    angles = [a for a in angles if abs(a) <= MAX_SKEW]
    if len(angles) < 3:
        return pixels
    angle = float(np.median(angles))
    if abs(angle) < MIN_SKEW:
        return pixels
    height = gray.shape[0]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    border = (255, 255, 255) if pixels.ndim == 3 else 255
    return cv2.warpAffine(pixels, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=border)


def _unsure(boxes: list[Any]) -> list[tuple[float, float, str, float]]:
    """The numbers read with low confidence (left empty): their middles, text and confidence."""
    out = []
    for corners, text, confidence in boxes:
        if _DIGIT.search(text.strip()) and float(confidence) < MIN_NUMBER_CONFIDENCE:
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            out.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, text.strip(), float(confidence)))
    return out


def _doubtful(row: list[Placed], unsure: list[tuple[float, float, str, float]]) -> tuple[Doubt, ...]:
    """The row's cells that hold a number left empty for its low confidence."""
    out = []
    for column, (_, box) in enumerate(row):
        if box is None:
            continue
        for x, y, text, confidence in unsure:
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                out.append((column, text, round(confidence, 2)))
    return tuple(out)


Box = tuple[float, float, float, float, str]       # middle y, height, left x, right x, text
Placed = tuple[str, tuple[float, float, float, float] | None]     # a cell's text and its pixels


def _rows(boxes: list[Any], rules: list[float], walls: Callable[[float, float], list[float]] | None = None
          ) -> list[list[str]]:
    """The cells of ``_placed_rows``, without where they stand."""
    return [[text for text, _ in row] for row in _placed_rows(boxes, rules, walls)]


def _placed_rows(boxes: list[Any], rules: list[float], walls: Callable[[float, float], list[float]] | None = None
                 ) -> list[list[Placed]]:
    """Recognised boxes (corners, text, confidence) as rows of cells, top to bottom.

    Between a table's ruled lines a row is the band between two rules, and boxes one
    above the other in it are one cell wrapped over lines; where ``walls`` gives the
    vertical rules crossing a band, the row is on the table's grid (an empty cell stays
    an empty cell). Elsewhere boxes whose middles stand at one height make a line. Cells
    run left to right.
    """
    items: list[Box] = []
    for corners, text, confidence in boxes:
        ys = [p[1] for p in corners]
        xs = [p[0] for p in corners]
        cell = text.strip()
        if _DIGIT.search(cell) and float(confidence) < MIN_NUMBER_CONFIDENCE:
            cell = ""
        elif _DASH.match(cell):
            cell = "—"                    # a dash alone in a cell reads as 一 or 二
        items.append(((min(ys) + max(ys)) / 2, max(ys) - min(ys), min(xs), max(xs), cell))
    items.sort()
    row_band = _row_bands(rules, walls)
    groups: list[tuple[bool, list[Box]]] = []     # (a band between rules, its boxes)
    for item in items:
        band = _band(item[0], rules)
        if band is not None and not row_band(band):
            band = None                   # the space between two tables: lines, not a row
        last = groups[-1] if groups else None
        if band is not None:
            if last is not None and last[0] and _band(last[1][0][0], rules) == band:
                last[1].append(item)
            else:
                groups.append((True, [item]))
        elif last is not None and not last[0] and abs(item[0] - last[1][0][0]) <= 0.5 * max(item[1], last[1][0][1]):
            last[1].append(item)
        else:
            groups.append((False, [item]))
    out: list[list[Placed]] = []
    for ruled, group in groups:
        if not ruled:
            out.append([(b[4], _pixels([b])) for b in sorted(group, key=lambda b: b[2])])
            continue
        band = _band(group[0][0], rules)
        assert band is not None
        xs = walls(rules[band - 1], rules[band]) if walls is not None else []
        out.append(_slotted(group, xs) if len(xs) >= 3 else _cells(group))
    return out


def _row_bands(rules: list[float], walls: Callable[[float, float], list[float]] | None
               ) -> Callable[[int], bool]:
    """Whether a band between two ruled lines is a table's row: crossed by the table's
    vertical rules, or (a table ruled across only) no taller than its rows. The gap
    between one table's last rule and the next table's first is neither: its lines
    (a note, the next title, 部门 and 单位) stay lines."""
    heights = sorted(b - a for a, b in zip(rules, rules[1:], strict=False))
    usual = heights[len(heights) // 2] if heights else 0.0

    def is_row(band: int) -> bool:
        top, bottom = rules[band - 1], rules[band]
        if walls is not None and len(walls(top, bottom)) >= 2:
            return True
        return bottom - top <= 2.5 * usual

    return is_row


def _slotted(boxes: list[Box], walls: list[float]) -> list[Placed]:
    """Boxes of one ruled row into the cells between its vertical rules, empty ones kept."""
    slots: list[list[Box]] = [[] for _ in walls[1:]]
    for box in boxes:
        middle = (box[2] + box[3]) / 2
        k = bisect.bisect(walls, middle) - 1
        slots[min(max(k, 0), len(slots) - 1)].append(box)
    out: list[Placed] = []
    for slot in slots:            # boxes side by side in one slot: a rule not seen, cells apart
        out.extend(_cells(slot) if slot else [("", None)])
    return out


def _pixels(boxes: list[Box]) -> tuple[float, float, float, float]:
    """Where boxes stand together: left, top, right, bottom in pixels."""
    return (min(b[2] for b in boxes), min(b[0] - b[1] / 2 for b in boxes),
            max(b[3] for b in boxes), max(b[0] + b[1] / 2 for b in boxes))


def _band(y: float, rules: list[float]) -> int | None:
    """Which band between two ruled lines ``y`` lies in; None outside the rules."""
    if len(rules) < 2 or not rules[0] < y < rules[-1]:
        return None
    return bisect.bisect(rules, y)


def _cells(boxes: list[Box]) -> list[Placed]:
    """Boxes of one ruled row as cells: boxes overlapping left to right are one cell."""
    columns: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b[2]):
        if columns and box[2] < max(b[3] for b in columns[-1]) - 0.3 * (box[3] - box[2]):
            columns[-1].append(box)
        else:
            columns.append([box])
    return [("".join(b[4] for b in sorted(column)), _pixels(column)) for column in columns]


def _rules(pixels: Any) -> tuple[list[float], Callable[[float, float], list[float]]]:
    """A page's ruled lines: the heights of its long horizontal ones (a table's row
    borders), and for a band between two of them the places of the vertical ones that
    cross it (that row's cell borders)."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) if pixels.ndim == 3 else pixels
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    span = max(20, gray.shape[1] // 15)
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))
    rules = _runs(np.where((across > 0).sum(axis=1) >= span)[0].tolist())

    def walls(top: float, bottom: float) -> list[float]:
        # A cell border runs the whole height between the two rules; a stroke of a
        # character never reaches the cell's padding above and below it.
        inner = ink[int(top) + 2:int(bottom) - 1] > 0
        if inner.shape[0] < 6:
            return []
        inner[:, 1:] |= inner[:, :-1].copy()        # a thin line broken or leaning by a pixel
        inner[:, :-1] |= inner[:, 1:].copy()
        return _runs(np.where(inner.sum(axis=0) >= 0.95 * inner.shape[0])[0].tolist())

    return rules, walls


def _runs(places: list[int]) -> list[float]:
    """Runs of neighbouring pixel places, each as its middle."""
    out: list[float] = []
    run: list[int] = []
    for y in places:
        if run and y - run[-1] > 3:
            out.append(sum(run) / len(run))
            run = []
        run.append(y)
    if run:
        out.append(sum(run) / len(run))
    return out
