from django.urls import reverse

from accounts.models import User
from lib.excerpts import is_excerpt_of
from proposals.models import ActionProposal, RecipientBody
from reporting.demo import load_demo
from reporting.models import Observation, Supplement


def test_the_demo_has_proposals_in_every_part_of_their_life(db):
    load_demo()
    load_demo()
    assert ActionProposal.objects.count() == 2
    answered = ActionProposal.objects.get(status="implementation")
    assert answered.decision == "accepted"
    assert answered.is_public
    assert answered.milestones.count() == 2
    assert answered.phenomena.get().links.count() > 0
    quote = answered.quotes.get()
    assert is_excerpt_of(quote.text, quote.observation.text)
    assert ActionProposal.objects.filter(status="draft").count() == 1
    board = RecipientBody.objects.get(code="county-board")
    assert board.members.filter(username="paattaja").exists()
    management = RecipientBody.objects.get(code="social-services-management")
    assert management.organisation.code == "ep-sosiaali"
    assert list(management.members.values_list("username", flat=True)) == ["paattaja"]
    assert RecipientBody.objects.count() >= 5


def test_the_social_worker_has_a_history_with_news(client, db):
    load_demo()
    load_demo()
    social_worker = User.objects.get(username="raportoija")
    own = Observation.objects.filter(reporter=social_worker)
    assert own.count() == 7
    assert own.filter(phenomenon_links__phenomenon__proposals__status="implementation").count() == 3
    client.force_login(social_worker)
    page = client.get("/").content.decode()
    in_phenomena = own.filter(phenomenon_links__isnull=False).distinct().count()
    assert in_phenomena >= 3
    assert f"{in_phenomena} havainnoistasi kuuluu ilmiöön" in page
    assert "3 on johtanut toimenpide-ehdotukseen" in page


def test_the_social_worker_has_news_a_supplement_and_a_withdrawal(client, db):
    load_demo()
    load_demo()
    social_worker = User.objects.get(username="raportoija")
    own = Observation.objects.filter(reporter=social_worker)
    assert own.filter(withdrawn_at__isnull=False).count() == 1
    assert Supplement.objects.filter(observation__reporter=social_worker).count() == 1
    assert own.filter(reporter_seen_at__isnull=False).count() == 1
    client.force_login(social_worker)
    page = client.get(reverse("reporting:my_observations")).content.decode()
    assert page.count('class="tag--new"') >= 3
    assert "status--withdrawn" in page
    news = client.get(reverse("reporting:my_observations"), {"news": "1"}).content.decode()
    assert news.count('class="card"') == page.count('class="tag--new"')
