"""The organisations' and people's stored texts, declared to the personal-data guard."""

from accounts.models import AuditEvent, Organisation, OrganisationType, Profession, Team, User
from privacy import stored

NAMES = ("code", "name_fi", "name_sv", "name_en")

for model in (OrganisationType, Profession, Organisation):
    stored.reference_text(model, *NAMES)
stored.reference_text(Team, "name")
stored.not_text(
    User,
    "username",
    "first_name",
    "last_name",
    "email",
    "password",
    "language",
    why="the person's own account, which they may see, download and delete",
)
stored.not_text(
    AuditEvent,
    "actor_label",
    "target",
    "detail",
    why="written by Sora: an account's name, a row's id and counts, never typed text",
)
