"""Spreadsheet exports (CSV, XLSX, ODS) of aggregated results and of the action plan.

Results come only from `results_for_assessment`, the same gate as the pages. Every text cell is
neutralised against formula injection: a cell starting with =, +, -, @, tab or carriage return
gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.

The CSV is written for a spreadsheet set to Dutch (Excel, LibreOffice): a byte order mark so it
reads UTF-8, `;` between cells and a decimal comma, as Dutch spreadsheets expect. XLSX and ODS
keep real numbers; the spreadsheet shows them in the reader's own format.
"""

import tablib
from django.utils.translation import gettext as _

from bestuursspiegel.questionnaires.constants import AnswerValue
from bestuursspiegel.questionnaires.templatetags.scale import median_words
from bestuursspiegel.results.aggregation import ALL_VALUES, results_for_assessment

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"


def neutralise(value):
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def _dataset(title: str, headers: list[str], rows: list[list]) -> tablib.Dataset:
    dataset = tablib.Dataset(title=title[:31])
    dataset.headers = [neutralise(h) for h in headers]
    for row in rows:
        dataset.append([neutralise(v) for v in row])
    return dataset


def results_dataset(assessment) -> tablib.Dataset:
    result = results_for_assessment(assessment)
    labels = [str(AnswerValue(v).label) for v in ALL_VALUES]
    headers = [
        _("No."),
        _("Statement"),
        _("Acceptable"),
        _("Respondents"),
        *labels,
        _("Share acceptable"),
        _("Meets the norm"),
        _("Middle answer"),
        _("Median (1 always … 5 never)"),
        _("IQR"),
        "rwg",
    ]
    rows = []
    hidden = _("hidden: fewer than %(n)s respondents") % {"n": result.threshold}
    for r in result.items:
        acceptable = ", ".join(str(AnswerValue(v).label) for v in r.acceptable)
        if not r.visible:
            rows.append([r.item.number, r.item.text, acceptable, hidden, *[""] * len(labels), "", "", "", "", "", ""])
            continue
        counts = [r.distribution.counts.get(v, 0) for v in ALL_VALUES]
        meets = {True: _("yes"), False: _("no"), None: ""}[r.meets_norm]
        spread = r.spread
        rows.append(
            [
                r.item.number,
                r.item.text,
                acceptable,
                r.respondents,
                *counts,
                round(r.acceptable_share, 3) if r.acceptable_share is not None else "",
                meets,
                median_words(spread.median) if spread else "",
                spread.median if spread else "",
                round(spread.iqr, 2) if spread else "",
                round(spread.rwg, 3) if spread and spread.rwg is not None else "",
            ]
        )
    return _dataset(_("Results"), headers, rows)


def actions_dataset(assessment) -> tablib.Dataset:
    headers = [_("Action"), _("Owner"), _("Due"), _("Status"), _("Statements"), _("Buffers"), _("Notes"), _("Links")]
    rows = []
    for action in assessment.actions.prefetch_related("items", "buffers"):
        rows.append(
            [
                action.title,
                action.owner,
                action.due_date.isoformat() if action.due_date else "",
                str(action.get_status_display()),
                ", ".join(str(i.number) for i in action.items.all()),
                ", ".join(str(b.number) for b in action.buffers.all()),
                action.notes,
                action.links,
            ]
        )
    return _dataset(_("Action plan"), headers, rows)


def export(dataset: tablib.Dataset, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if fmt == "csv":
        return _dutch_csv(dataset).export("csv", delimiter=CSV_DELIMITER).encode("utf-8-sig")
    return dataset.export(fmt)


def _dutch_csv(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy with numbers written as a Dutch spreadsheet reads them (0,364), whatever the UI language."""
    copy = tablib.Dataset(title=dataset.title, headers=dataset.headers)
    for row in dataset:
        copy.append([_dutch_number(v) for v in row])
    return copy


def _dutch_number(value):
    return str(value).replace(".", ",") if isinstance(value, float) else value
