"""The notices app's stored texts, declared to the personal-data guard (``privacy.stored``).

A notice holds no text of its own: codes and ids, and Sora's own error message."""

from notices.models import Notice, NoticePreference
from privacy import stored

stored.not_text(
    Notice,
    "key",
    "kind",
    "event",
    "email",
    "last_error",
    why="codes and ids that name an event, and the mail server's error message",
)
stored.not_text(NoticePreference, "kind", "frequency", why="codes of a choice")
