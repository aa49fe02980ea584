"""Plain text (text extracted from PDF/DOCX): UTF-8, UTF-16 with BOM, or GBK/GB18030."""

from __future__ import annotations

from jixiao.sources.sheet import Line, Sheet, UnreadableInput

NAME = "text"
ENCODINGS = ("utf-8-sig", "gb18030")


def identify(name: str, head: bytes) -> float:
    if name.lower().endswith((".txt", ".text", ".csv", ".tsv", ".md")):
        return 0.9
    return 0.3 if looks_textual(head) else 0.0


def looks_textual(head: bytes) -> bool:
    """Binary files hold NUL bytes or many control characters; text does not."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= max(2, len(head) // 200)


def decode(data: bytes) -> tuple[str, str]:
    """Decode with the first encoding that fits; raise ``UnreadableInput`` when none does."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if not looks_textual(data[:65536]):
        raise UnreadableInput("文件不是文本文件（含二进制内容）", "not a text file (binary content)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise UnreadableInput("无法识别文件编码（既不是 UTF-8 也不是 GBK）", "unknown text encoding (neither UTF-8 nor GBK)")


def load(name: str, data: bytes) -> Sheet:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = tuple(
        Line(number=i, text=raw, cells=tuple(raw.split("\t")))
        for i, raw in enumerate(text.split("\n"), start=1)
    )
    return Sheet(file=name, lines=lines, format="text", encoding=encoding)
