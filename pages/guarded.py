"""The information pages' stored texts, declared to the personal-data guard
(``privacy.stored``): administrators write them about the service, so they are reference
texts, refused while they hold an identity code, a phone number, an e-mail address or an
account number. The page's contact is the county's service address, kept apart for that
reason."""

from pages.models import InfoPage
from privacy import stored

stored.reference_text(
    InfoPage, "title_fi", "title_sv", "title_en", "body_fi", "body_sv", "body_en", label="page"
)
stored.not_text(InfoPage, "slug", why="one of the fixed pages")
stored.not_text(
    InfoPage,
    "contact",
    why="the county's public service address (e-mail, phone or web), written by an "
    "installation administrator",
)
