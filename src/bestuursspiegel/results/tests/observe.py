"""Read back the figures anyone can obtain of a meting: what the facilitator downloads and sees.

Each reader returns per statement number the distribution it shows, as a tuple of counts in the
order always, often, regularly, sometimes, never, don't know (the order of every table and export),
or nothing for a statement it hides. HTML is parsed with tinyhtml5 and cssselect2, which WeasyPrint
already brings; PDF text comes from poppler's pdftotext.
"""

import csv
import io
import re
import subprocess
import tempfile
from pathlib import Path

import cssselect2
import openpyxl
import tinyhtml5
from django.urls import reverse
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from odf.text import P

Counts = tuple[int, int, int, int, int, int]


def _tree(html: str):
    return cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))


def _text(element) -> str:
    return " ".join("".join(element.etree_element.itertext()).split())


def page_cells(html: str) -> dict[int, Counts]:
    """The results page: one data table per shown statement (`#item-N`), a count per row."""
    cells = {}
    for block in _tree(html).query_all("div.item-result"):
        number = int(block.etree_element.get("id").removeprefix("item-"))
        rows = block.query_all("table.data-table tbody tr")
        counts = [int(_text(next(row.query_all("td")))) for row in rows]
        if counts:
            cells[number] = tuple(counts)
    return cells


def page_overall(html: str) -> Counts | None:
    """The table of all shown statements together, if any."""
    table = next(_tree(html).query_all('section[aria-labelledby="overall-heading"] table'), None)
    if table is None:
        return None
    return tuple(int(_text(next(row.query_all("td")))) for row in table.query_all("tbody tr"))


def page_examples(html: str) -> dict[int, tuple[str, ...]]:
    found = {}
    for block in _tree(html).query_all("div.item-result"):
        texts = tuple(sorted(_text(li) for li in block.query_all("details.examples li")))
        if texts:
            found[int(block.etree_element.get("id").removeprefix("item-"))] = texts
    return found


def page_groups(html: str) -> dict[tuple[int, str], int]:
    """Per statement and group: the number of answers the group median rests on."""
    found = {}
    for table in _tree(html).query_all('section[aria-labelledby="groups-heading"] table'):
        headers = [_text(th) for th in table.query_all("thead th")][1:]
        for row in table.query_all("tbody tr"):
            number = int(_text(next(row.query_all("th"))).split(".")[0])
            for header, cell in zip(headers, row.query_all("td"), strict=False):
                match = re.search(r"\((\d+)\)", _text(cell))
                if match:
                    found[(number, header)] = int(match.group(1))
    return found


def _sheet_cells(rows: list[list[str]]) -> dict[int, Counts]:
    """Exports: No., statement, acceptable, respondents, six counts, ... (hidden rows have no counts)."""
    cells = {}
    for row in rows[1:]:
        if len(row) >= 10 and all(re.fullmatch(r"\d+", str(v)) for v in row[4:10]):
            cells[int(row[0])] = tuple(int(v) for v in row[4:10])
    return cells


def csv_cells(content: bytes) -> dict[int, Counts]:
    return _sheet_cells(list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")))


def xlsx_cells(content: bytes) -> dict[int, Counts]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return _sheet_cells([["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)])


def ods_cells(content: bytes) -> dict[int, Counts]:
    table = load_ods(io.BytesIO(content)).spreadsheet.getElementsByType(Table)[0]
    rows = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            repeat = min(int(cell.getAttribute("numbercolumnsrepeated") or 1), 50)
            text = "".join(str(p) for p in cell.getElementsByType(P)) or (cell.getAttribute("value") or "")
            cells.extend([text.removesuffix(".0")] * repeat)
        rows.append(cells)
    return _sheet_cells(rows)


# Six counts, then the middle answer in words ("vaak", "tussen vaak en geregeld"), IQR and rwg.
PDF_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+[a-z]")
PDF_HEADING = re.compile(r"^\s*(\d{1,2})\.\s+\S")


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout


def pdf_cells(content: bytes) -> dict[int, Counts]:
    """The report: per shown statement a heading "N. text" and below it one row of six counts and
    the middle answer, IQR and rwg."""
    cells, current = {}, None
    for line in pdf_text(content).splitlines():
        heading = PDF_HEADING.match(line)
        if heading and 1 <= int(heading.group(1)) <= 19 and not PDF_ROW.match(line):
            current = int(heading.group(1))
        row = PDF_ROW.match(line)
        if row and current is not None and current not in cells:
            cells[current] = tuple(int(v) for v in row.groups())
    return cells


def projector_cell(html: str) -> tuple[int, Counts] | None:
    """The shared screen: the current statement and, once revealed, its distribution."""
    tree = _tree(html)
    progress = next(tree.query_all(".live-stage__progress"), None)
    table = next(tree.query_all("table.live-stage__table"), None)
    if progress is None or table is None:
        return None
    number = int(re.search(r"(\d+)", _text(progress)).group(1))
    return number, tuple(int(_text(next(row.query_all("td")))) for row in table.query_all("tbody tr"))


def trend_shares(html: str) -> dict[tuple[int, int], str]:
    """The trend: per statement and meting (column) the share of acceptable answers shown."""
    found = {}
    for row in _tree(html).query_all("table tbody tr"):
        header = _text(next(row.query_all("th")))
        if not re.match(r"\d+\. ", header):
            continue
        number = int(header.split(".")[0])
        for column, cell in enumerate(row.query_all("td")):
            share = re.match(r"\d+\s?%", _text(cell))
            if share:
                found[(number, column)] = share.group(0)
    return found


def everything(client, assessment) -> dict:
    """All a facilitator of the meting can fetch now, read back into figures."""
    uuid = assessment.uuid
    get = client.get
    page = get(reverse("results:results", args=[uuid])).content.decode()
    seen = {
        "page": page_cells(page),
        "overall": page_overall(page),
        "examples": page_examples(page),
        "groups": page_groups(page),
        "csv": csv_cells(get(reverse("reports:results_export", args=[uuid, "csv"])).content),
        "xlsx": xlsx_cells(get(reverse("reports:results_export", args=[uuid, "xlsx"])).content),
        "ods": ods_cells(get(reverse("reports:results_export", args=[uuid, "ods"])).content),
        "pdf": pdf_cells(get(reverse("reports:report", args=[uuid])).content),
        "trend": trend_shares(get(reverse("reports:trend", args=[uuid])).content.decode()),
    }
    for screen, name in (("projector", "live:projector"), ("control", "live:control")):
        response = get(reverse(name, args=[uuid]))
        seen[screen] = projector_cell(response.content.decode()) if response.status_code == 200 else None
    return seen
