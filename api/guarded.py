"""The API app's stored texts, declared to the personal-data guard (``privacy.stored``).

A token's name is written by a person to tell their keys apart: a reference text. The rest
is drawn by Sora or names an account, an address of the API and the filters' names."""

from api.models import ApiToken, Disclosure
from privacy import stored

stored.reference_text(ApiToken, "name")
stored.not_text(
    ApiToken, "prefix", "digest", "scopes", why="drawn by Sora, a digest of the key, and codes"
)
stored.not_text(
    Disclosure,
    "user_label",
    "token_label",
    "path",
    "filters",
    "observations",
    why="an account's username, a token's name, an address without its query, the names of "
    "the filters used and observation numbers",
)
