import csv
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from odf.text import P

from bestuursspiegel.accounts.tests.factories import PASSWORD
from bestuursspiegel.assessments.constants import AssessmentStatus
from bestuursspiegel.assessments.models import Participant
from bestuursspiegel.once.tests.helpers import page_with_key
from bestuursspiegel.plans import services as plan_services
from bestuursspiegel.reports import exports, pdf
from bestuursspiegel.reports.trend import trend_for
from bestuursspiegel.responses.models import Response
from bestuursspiegel.responses.tests.helpers import close, invite, respond


@pytest.fixture
def client_in(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    return client


@pytest.fixture
def answered(running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 5):
        respond(
            invitation,
            lambda item: 1 if item.number == 2 else (4 if item.direction == "problem" else 2),
            examples={1: '=HYPERLINK("http://evil")'},
        )
    close(running, facilitator)
    return running


def test_neutralise_cells_that_would_be_formulas():
    assert exports.neutralise("=SUM(A1)") == "'=SUM(A1)"
    assert exports.neutralise("+31 6") == "'+31 6"
    assert exports.neutralise("@cmd") == "'@cmd"
    assert exports.neutralise("-2") == "'-2"
    assert exports.neutralise("Heidag") == "Heidag"
    assert exports.neutralise(5) == 5


def ods_rows(content: bytes):
    document = load_ods(io.BytesIO(content))
    table = document.spreadsheet.getElementsByType(Table)[0]
    rows = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            text = "".join(str(p) for p in cell.getElementsByType(P)) or (cell.getAttribute("value") or "")
            if text.endswith(".0"):
                text = text[:-2]
            cells.extend([text] * min(repeat, 50))
        rows.append(cells)
    return rows


def test_results_exports_agree_in_every_format(client_in, answered):
    urls = {fmt: reverse("reports:results_export", args=[answered.uuid, fmt]) for fmt in ("csv", "xlsx", "ods")}
    content = client_in.get(urls["csv"]).content
    assert content.startswith(b"\xef\xbb\xbf")  # the byte order mark: Excel reads UTF-8
    # The dialect of a spreadsheet set to Dutch: `;` between cells and a decimal comma.
    csv_rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    workbook = openpyxl.load_workbook(io.BytesIO(client_in.get(urls["xlsx"]).content))
    xlsx_rows = [[("" if v is None else str(v)) for v in row] for row in workbook.active.iter_rows(values_only=True)]
    ods = ods_rows(client_in.get(urls["ods"]).content)
    assert csv_rows[0][:4] == ["Nr.", "Stelling", "Acceptabel", "Respondenten"]
    assert len(csv_rows) == len(xlsx_rows) == 20
    row_2 = csv_rows[2]
    assert row_2[:4] == ["2", "Er zijn verstoorde relaties tussen het college en de gemeenteraad", "soms, nooit", "5"]
    assert row_2[4] == "5"  # five times 'altijd'
    header = csv_rows[0]
    share, middle = row_2[header.index("Aandeel acceptabel")], row_2[header.index("Middelste antwoord")]
    assert share == "0,0" and middle == "altijd"
    numbers = [header.index(name) for name in ("Aandeel acceptabel", "Mediaan (1 altijd … 5 nooit)", "IQR", "rwg")]
    cells = [row[i] for row in csv_rows[1:] for i in numbers if row[i]]
    assert cells and all(re.fullmatch(r"-?\d+(,\d+)?", cell) for cell in cells)
    assert any("," in cell for cell in cells)
    assert xlsx_rows[2][:2] == ["2", row_2[1]] and xlsx_rows[2][4] == "5"
    assert ods[2][1] == row_2[1] and ods[2][4] == "5"


def test_exports_hide_what_the_pages_hide(client_in, running, facilitator, knowledge):
    for invitation in invite(running, facilitator, 4):
        respond(invitation, 1)
    content = client_in.get(reverse("reports:results_export", args=[running.uuid, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert all(row[3] == "verborgen: minder dan 5 respondenten" and set(row[4:]) == {""} for row in rows[1:])


def test_action_plan_export_neutralises_formulas(client_in, running, facilitator, knowledge):
    plan_services.action_create(
        assessment=running, actor=facilitator, title="=cmd|' /C calc'!A0", owner="@griffier", notes="+31"
    )
    workbook = openpyxl.load_workbook(
        io.BytesIO(client_in.get(reverse("reports:actions_export", args=[running.uuid, "xlsx"])).content)
    )
    row = [c.value for c in workbook.active[2]]
    assert row[0] == "'=cmd|' /C calc'!A0" and row[1] == "'@griffier" and row[6] == "'+31"
    assert workbook.active[2][0].data_type == "s"
    assert client_in.get(reverse("reports:actions_export", args=[running.uuid, "exe"])).status_code == 404


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is installed by make test")
def test_report_pdf_renders_with_charts_and_no_individual_answers(answered, facilitator, tmp_path):
    plan_services.action_create(assessment=answered, actor=facilitator, title="Heidag plannen", owner="Griffier")
    content = pdf.report_pdf(answered)
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert answered.title in text
    assert "Er zijn verstoorde relaties tussen het college en de gemeenteraad" in text
    assert "buiten de norm" in text and "Heidag plannen" in text
    assert "Krippendorffs alfa" in text
    assert "HYPERLINK" not in text  # examples are individual answers: not in the anonymous report
    # Who takes part, for the group reading the report: the invited names and the routes.
    flat = re.sub(r"\s+", " ", text)
    assert "Wie doen er mee" in flat and "Ingediend met een persoonlijke link 5" in flat
    assert all(p.name in flat for p in answered.participants.all())
    (tmp_path / "doc.pdf").write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(tmp_path / "doc.pdf"), str(tmp_path / "page")],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 5_000  # a rendered page with content, not blank
    info = subprocess.run(["pdfinfo", str(tmp_path / "doc.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)  # PDF/UA: structure for screen readers


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make test")
def test_paper_questionnaire_pdf_has_every_statement(running, tmp_path, knowledge):
    text = re.sub(r"\s+", " ", pdf_text(pdf.paper_questionnaire_pdf(running), tmp_path))
    for item in running.questionnaire.items.all():
        assert item.text.split()[0] in text
    assert "weet ik niet" in text and "Uw rol" in text


def test_pdf_downloads_are_audited(client_in, answered):
    response = client_in.get(reverse("reports:report", args=[answered.uuid]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    from bestuursspiegel.audit.models import AuditEvent

    assert AuditEvent.objects.unscoped().filter(action="report.pdf").exists()


def paper_post(assessment, **overrides):
    data = {"role": "councillor"}
    data.update({f"item_{i.pk}": "4" for i in assessment.questionnaire.items.all()})
    data.update(overrides)
    return data


def test_paper_forms_count_as_participants_and_are_never_stored_twice(client_in, running):
    url = page_with_key(client_in, reverse("reports:paper_entry", args=[running.uuid]))
    assert "4" in paper_post(running).values()
    client_in.post(url, paper_post(running))
    again = client_in.post(url, paper_post(running))  # double submit of the same form
    assert again.status_code == 302 and "niets dubbel" in client_in.get(again["Location"], follow=True).content.decode()
    assert Response.objects.filter(source="paper").count() == 1
    assert Participant.objects.filter(on_paper=True, has_submitted=True).count() == 1
    url = page_with_key(client_in, reverse("reports:paper_entry", args=[running.uuid]))  # the next form
    client_in.post(url, paper_post(running))
    assert Response.objects.filter(source="paper", submitted_on__isnull=False).count() == 2
    item = running.questionnaire.items.get(number=5)
    url = page_with_key(client_in, reverse("reports:paper_entry", args=[running.uuid]))
    bad = client_in.post(url, paper_post(running, **{f"item_{item.pk}": "8"}))
    assert bad.status_code == 400 and Response.objects.filter(source="paper").count() == 2


def test_a_form_id_of_another_meting_is_a_new_form_here_not_an_error(client_in, running, make_assessment, facilitator):
    """Found by the state machine: the form id was unique across metingen, so an id sent to a second
    meting (a copied or tampered form) ended in a database error."""
    from bestuursspiegel.assessments import services as assessment_services

    second = make_assessment(title="Tweede meting")
    assessment_services.assessment_open(assessment=second, actor=facilitator)
    for assessment in (running, second):
        url = reverse("reports:paper_entry", args=[assessment.uuid]) + "?formulier=" + "k" * 22  # the same key
        response = client_in.post(url, paper_post(assessment))
        assert response.status_code == 302
    assert Response.objects.filter(source="paper").count() == 2
    assert {r.assessment_id for r in Response.objects.filter(source="paper")} == {running.pk, second.pk}


def test_follow_up_copies_and_trend_shows_both(client_in, answered, facilitator):
    url = reverse("reports:follow_up", args=[answered.uuid])
    page = client_in.post(url).content.decode()  # without e-mail: the links are shown, and recorded
    follow_up = answered.follow_ups.unscoped().get()
    assert (follow_up.questionnaire, follow_up.mode, follow_up.anonymity_threshold) == (
        answered.questionnaire,
        answered.mode,
        answered.anonymity_threshold,
    )
    assert [n.acceptable_values for n in follow_up.norms.order_by("item__number")] == [
        n.acceptable_values for n in answered.norms.order_by("item__number")
    ]
    assert follow_up.participants.count() == answered.participants.count()
    assert follow_up.status == AssessmentStatus.DRAFT
    tokens = re.findall(r"/d/([A-Za-z0-9_-]{43})/", page)
    assert len(tokens) == follow_up.participants.count()
    assert follow_up.participants.filter(link_shown_at__isnull=True).count() == 0
    trend = trend_for(follow_up)
    assert [a.pk for a in trend.assessments] == [answered.pk, follow_up.pk]
    item_2 = next(cells for item, cells in trend.rows if item.number == 2)
    assert item_2[0].visible and item_2[0].meets_norm is False and not item_2[1].visible
    assert client_in.get(reverse("reports:trend", args=[follow_up.uuid])).status_code == 200


def test_follow_up_links_can_go_out_by_e_mail_unseen(client_in, answered, mailoutbox):
    page = client_in.post(reverse("reports:follow_up", args=[answered.uuid]), {"send_email": "1"}).content.decode()
    follow_up = answered.follow_ups.unscoped().get()
    assert re.findall(r"/d/([A-Za-z0-9_-]{43})/", page) == []
    assert len(mailoutbox) == follow_up.participants.count() == 5
    assert follow_up.participants.filter(link_sent_at__isnull=False, link_shown_at__isnull=True).count() == 5
