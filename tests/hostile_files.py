"""Small files that cost a lot once parsed, as a hostile probe sent them to the imports: a CSV of
a million short rows (6 MB) and an .xlsx of 144 kB whose sheet unpacks to 49 MB. The sheet is
written by hand, without a ``<dimension>`` header, as a hostile file would be: openpyxl then reads
the whole sheet once to learn its size before it hands out the first row."""

from __future__ import annotations

import io
import zipfile

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def many_rows_csv(rows: int = 1_000_000, heading: str = "id,nl,en,theme") -> bytes:
    """A heading and ``rows`` rows of a few bytes each: 6 MB for a million."""
    return (heading + "\n" + "".join(f"{i % 10},a,b\n" for i in range(rows))).encode()


def sheet_xlsx(rows_xml: str) -> bytes:
    """A minimal workbook whose one sheet holds ``rows_xml`` (``<row>`` elements), packed tight."""
    sheet = f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>{rows_xml}</sheetData></worksheet>'
    parts = {
        "[Content_Types].xml": f'{_XML}<Types xmlns="{_TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEET_TYPE}.worksheet+xml"/></Types>',
        "_rels/.rels": f'{_XML}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
        f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{_XML}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
        f'Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def many_rows_xlsx(rows: int = 1_000_000) -> bytes:
    """``rows`` rows of one cell each: 144 kB that unpack to 49 MB for a million."""
    return sheet_xlsx('<row><c t="inlineStr"><is><t>x</t></is></c></row>' * rows)


def far_row_xlsx(row: int = 1_048_576) -> bytes:
    """One cell in the first row and one in row ``row``: openpyxl fills the gap with empty rows."""
    cell = '<c r="A{0}" t="inlineStr"><is><t>x</t></is></c>'
    return sheet_xlsx(f'<row r="1">{cell.format(1)}</row><row r="{row}">{cell.format(row)}</row>')


def unpacked_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())
