"""Milestones updated in bulk from a CSV: the template, all-or-nothing validation, another
proposal's milestones refused, guarded texts, the audit log, and the public timeline."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from proposals import milestone_csv, services
from proposals.models import Milestone, Status, Transition
from proposals.tests.factories import ProposalFactory

DUE = datetime.date(2026, 6, 30)


@pytest.fixture
def implemented(proposal):
    proposal.status = Status.IMPLEMENTATION
    proposal.save()
    return proposal


@pytest.fixture
def milestones(implemented):
    return [
        Milestone.objects.create(proposal=implemented, title="Toimintamalli", due_on=DUE),
        Milestone.objects.create(proposal=implemented, title="Koulutus", due_on=DUE),
    ]


def _upload(client, user, proposal, text: str, *, bom=True):
    client.force_login(user)
    content = ("\ufeff" if bom else "") + text
    upload = SimpleUploadedFile("m.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("proposals:milestone_import", args=[proposal.pk]), {"file": upload})


def test_a_good_file_updates_the_milestones(client, analyst, implemented, milestones):
    first, second = milestones
    text = (
        "id;title;due_on;progress;note\n"
        f"{first.pk};Toimintamalli;31.8.2026;50;Luonnos valmis\n"
        f"{second.pk};;;100 %;\n"
    )
    response = _upload(client, analyst, implemented, text)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.progress, first.due_on, first.note) == (
        50,
        datetime.date(2026, 8, 31),
        "Luonnos valmis",
    )
    assert (second.progress, second.due_on, second.title) == (100, DUE, "Koulutus")
    event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT, actor=analyst)
    assert event.target == f"proposal:{implemented.pk}:milestones"
    assert sorted(event.detail["changed"]) == sorted([first.pk, second.pk])


def test_commas_and_titles_without_a_bom(client, analyst, implemented, milestones):
    response = _upload(client, analyst, implemented, "title,progress\nkoulutus,30\n", bom=False)
    assert response.status_code == 302
    assert Milestone.objects.get(title="Koulutus").progress == 30


def test_a_bad_row_refuses_the_whole_file(client, analyst, implemented, milestones):
    first, second = milestones
    text = f"id;progress\n{first.pk};40\n{second.pk};140\n"
    response = _upload(client, analyst, implemented, text)
    assert response.status_code == 400
    body = response.content.decode()
    assert "line 3" in body or "rivi 3" in body
    assert Milestone.objects.get(pk=first.pk).progress == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).exists()


def test_another_proposals_milestone_is_refused(client, analyst, org_a, implemented, milestones):
    other = ProposalFactory(organisation=org_a, status=Status.IMPLEMENTATION)
    foreign = Milestone.objects.create(proposal=other, title="Vieras", due_on=DUE)
    text = f"id;progress\n{milestones[0].pk};60\n{foreign.pk};90\n"
    response = _upload(client, analyst, implemented, text)
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.progress == 0
    assert Milestone.objects.get(pk=milestones[0].pk).progress == 0


def test_personal_data_in_a_note_is_refused(client, analyst, implemented, milestones):
    text = f"id;progress;note\n{milestones[0].pk};10;Soita 040 123 4567\n"
    response = _upload(client, analyst, implemented, text)
    assert response.status_code == 400
    assert Milestone.objects.get(pk=milestones[0].pk).note == ""


def test_wrong_columns_are_told(implemented, milestones):
    result = milestone_csv.read_rows(implemented, io.StringIO("id;progress;colour\n1;2;3\n"))
    assert result.errors and not result.rows


def test_the_service_returns_only_the_changed(implemented, milestones, analyst):
    first, second = milestones
    rows = [
        milestone_csv.MilestoneRow(first.pk, progress=70),
        milestone_csv.MilestoneRow(second.pk, progress=0),
    ]
    changed = services.update_milestones(proposal=implemented, rows=rows, by=analyst)
    assert changed == [first]
    # A retry changes nothing more.
    assert services.update_milestones(proposal=implemented, rows=rows, by=analyst) == []


def test_the_service_refuses_another_proposals_milestone(implemented, analyst, org_a):
    other = ProposalFactory(organisation=org_a, status=Status.IMPLEMENTATION)
    foreign = Milestone.objects.create(proposal=other, title="Vieras", due_on=DUE)
    with pytest.raises(services.StepRefused):
        services.update_milestones(
            proposal=implemented,
            rows=[milestone_csv.MilestoneRow(foreign.pk, progress=50)],
            by=analyst,
        )


def test_the_template_neutralises_formulas(client, analyst, implemented):
    Milestone.objects.create(proposal=implemented, title='=HYPERLINK("x")', due_on=DUE)
    client.force_login(analyst)
    response = client.get(reverse("proposals:milestone_template", args=[implemented.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffid;title;due_on;progress;note")
    assert "'=HYPERLINK" in text
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, target=f"proposal:{implemented.pk}:milestones"
    ).exists()


def test_the_template_reads_back_unchanged(client, analyst, implemented):
    milestone = Milestone.objects.create(proposal=implemented, title="=SUMMA(1)", due_on=DUE)
    client.force_login(analyst)
    template = client.get(reverse("proposals:milestone_template", args=[implemented.pk]))
    response = _upload(client, analyst, implemented, template.content.decode("utf-8-sig"))
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "=SUMMA(1)"


def test_a_decision_maker_may_not_upload(client, decision_maker, implemented, milestones):
    response = _upload(client, decision_maker, implemented, "id;progress\n1;2\n")
    assert response.status_code == 403


def test_a_draft_takes_no_upload(client, analyst, proposal):
    client.force_login(analyst)
    response = client.get(reverse("proposals:milestone_import", args=[proposal.pk]))
    assert response.status_code == 302


def test_the_public_page_shows_the_timeline_and_milestones(client, implemented, milestones):
    Transition.objects.create(
        proposal=implemented,
        action="withdraw",
        from_status=Status.SUBMITTED,
        to_status=Status.PREPARATION,
        reason="Vastaanottaja vaihtui.",
    )
    Transition.objects.create(proposal=implemented, action="create", to_status=Status.DRAFT)
    milestones[0].note = "Pilotti alkaa."
    milestones[0].save()
    services.publish(proposal=implemented, summary="Julkinen tiivistelmä.")
    response = client.get(reverse("proposals:public_detail", args=[implemented.pk]))
    body = response.content.decode()
    assert "Vastaanottaja vaihtui." in body
    assert "Toimintamalli" in body and "Pilotti alkaa." in body
    assert body.count("<time ") == 1


def test_the_service_refuses_personal_data_as_a_step(implemented, milestones, analyst):
    row = milestone_csv.MilestoneRow(milestones[0].pk, note="Soita 040 123 4567")
    with pytest.raises(services.StepRefused):
        services.update_milestones(proposal=implemented, rows=[row], by=analyst)
    assert Milestone.objects.get(pk=milestones[0].pk).note == ""
