"""Hostile files built in the tests (nothing binary committed): zip bombs, lying headers,
span bombs, a PDF without /MediaBox, a PDF of many pages."""

from __future__ import annotations

import io
import struct
import zipfile

XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>'),
}


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def xlsx_shared_string(string_bytes: int, uses: int = 1000) -> bytes:
    """One shared string of ``string_bytes`` characters used by ``uses`` cells (the attack:
    a small file, one huge string, multiplied by every cell that shows it)."""
    cells = "".join(f'<c r="A{n}" t="s"><v>0</v></c>' for n in range(1, uses + 1))
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, uses + 1))
    del cells
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{rows}</sheetData></worksheet>')
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               b'count="1" uniqueCount="1"><si><t>' + b"A" * string_bytes + b"</t></si></sst>")
    return _zip({**XLSX_PARTS, "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings})


DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>'),
}


def docx_paragraphs(paragraphs: int, text: str = "项目支出绩效自评表") -> bytes:
    """A DOCX of ``paragraphs`` paragraphs (the attack: hundreds of MB of XML in a small file)."""
    p = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    body = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + p * paragraphs + b"</w:body></w:document>")
    return _zip({**DOCX_PARTS, "word/document.xml": body})


def lying_sizes(archive: bytes, declared: int = 100) -> bytes:
    """The archive with every member's uncompressed size declared as ``declared`` bytes, in
    the local headers and the central directory: the counts only an inflating check sees."""
    data = bytearray(archive)
    i = 0
    while (i := data.find(b"PK\x03\x04", i)) >= 0:
        struct.pack_into("<I", data, i + 22, declared)
        i += 4
    i = 0
    while (i := data.find(b"PK\x01\x02", i)) >= 0:
        struct.pack_into("<I", data, i + 24, declared)
        i += 4
    return bytes(data)


def html_spans(cells: int = 3000) -> bytes:
    """A small page whose cells claim huge rowspans and colspans."""
    row = "".join(f'<td rowspan="999999999" colspan="999999999">{n}</td>' for n in range(30))
    rows = "".join(f"<tr>{row}</tr>" for _ in range(cells // 30))
    return f"<html><body><table>{rows}</table></body></html>".encode()


def pdf(pages: int = 1, mediabox: bool = True) -> bytes:
    """A minimal PDF of empty pages; without /MediaBox when ``mediabox`` is false."""
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    box = b" /MediaBox [0 0 595 842]" if mediabox else b""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    content = 3 + pages
    objs += [b"<< /Type /Page /Parent 2 0 R" + box + f" /Contents {content} 0 R >>".encode() for _ in range(pages)]
    objs.append(b"<< /Length 0 >>\nstream\n\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
