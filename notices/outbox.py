"""Sora's one e-mail outbox: rows owed to people, sent after the commit, retried until sent.

Every kind of message Sora sends about work (a proposal's news to its reporters, new signals
to analysts, the notices of this app) is a row in a table with ``user``, ``sent_at``,
``attempts`` and ``last_error``. An ``Outbox`` names such a table, which of its rows go at
once and how a batch of rows becomes one e-mail. The rows are written in the same transaction
as the event; the immediate ones are handed to the task queue after the commit, so a slow or
broken mail server never holds up the person who acted. A row that fails stays unsent and is
tried again (by the queue a few times, then hourly); ``sent_at``, set under a row lock, makes
sure nobody gets the same message twice. Digests gather a person's pending rows into one.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)]


@dataclass(frozen=True)
class Outbox:
    """``send(user, rows)`` writes one message about the rows and returns False when none of
    them is still worth telling (they count as done all the same); it raises when sending
    fails. ``frequency`` names the rows' field holding ``notices.models.Frequency``: the
    immediate rows go one by one at once, the daily and weekly ones in digests. ``name`` is
    the dotted path of the outbox itself, so that the task queue can find it in any
    process."""

    name: str
    model: type[models.Model]
    send: Callable[[object, list], bool]
    frequency: str
    related: tuple[str, ...] = ("user",)

    @property
    def immediate(self) -> models.Q:
        return models.Q(**{self.frequency: "immediate"})

    def after_commit(self, ids: list[int]) -> None:
        """Queue the immediate rows among ``ids`` once the event's transaction commits."""
        if ids:
            transaction.on_commit(lambda: self.enqueue(ids))

    def enqueue(self, ids: list[int], *, attempt: int = 0, run_after=None) -> None:
        """Hand the rows to the task queue. A queue that cannot take them (or cannot defer a
        retry) leaves them in the outbox for the hourly retry: the person who acted never
        sees an error."""
        from notices.tasks import deliver_outbox

        task = deliver_outbox
        try:
            if run_after is not None:
                if not task.get_backend().supports_defer:
                    return
                task = task.using(run_after=run_after)
            task.enqueue(name=self.name, ids=ids, attempt=attempt)
        except Exception:
            logger.exception("Could not queue %s %s; they stay in the outbox.", self.name, ids)

    def deliver(self, pk: int) -> bool:
        """Send one immediate row unless it went already; False when sending failed and the
        row stays in the outbox."""
        with transaction.atomic():
            row = (
                self.model.objects.select_for_update(of=("self",))
                .select_related(*self.related)
                .filter(self.immediate, pk=pk)
                .first()
            )
            if row is None or row.sent_at is not None:
                return True
            row.attempts += 1
            try:
                self.send(row.user, [row])
            except Exception as error:
                logger.warning("%s %s failed: %s", self.name, row.pk, error)
                row.last_error = str(error)[:1000]
                row.save(update_fields=["attempts", "last_error"])
                return False
            row.sent_at = timezone.now()
            row.save(update_fields=["attempts", "sent_at"])
            return True

    def deliver_all(self, ids: list[int], attempt: int) -> None:
        """The task's work: send the rows and queue those that failed again, later."""
        failed = [pk for pk in ids if not self.deliver(pk)]
        if failed and attempt < len(RETRY_DELAYS):
            run_after = timezone.now() + RETRY_DELAYS[attempt]
            self.enqueue(failed, attempt=attempt + 1, run_after=run_after)

    def retry_failed(self) -> int:
        """Try the immediate rows still unsent once more; how many went."""
        pending = self.model.objects.filter(self.immediate, sent_at=None, attempts__lt=MAX_ATTEMPTS)
        return sum(self.deliver(pk) for pk in pending.values_list("pk", flat=True))

    def send_digests(self, frequency: str) -> int:
        """One message per person with their pending rows of the daily or weekly
        ``frequency``; how many messages went. A person whose message fails keeps their rows
        for the next time."""
        pending = (
            self.model.objects.filter(sent_at=None, **{self.frequency: frequency})
            .select_related(*self.related)
            .order_by("user_id", "created_at", "id")
        )
        by_user = defaultdict(list)
        for row in pending:
            by_user[row.user].append(row)
        sent = 0
        for user, user_rows in by_user.items():
            ids = [row.pk for row in user_rows]
            try:
                went = self.send(user, user_rows)
            except Exception as error:
                logger.warning("%s digest to user %s failed: %s", self.name, user.pk, error)
                self.model.objects.filter(pk__in=ids).update(last_error=str(error)[:1000])
                continue
            self.model.objects.filter(pk__in=ids, sent_at=None).update(sent_at=timezone.now())
            sent += went is not False
        return sent


def named(name: str) -> Outbox:
    return import_string(name)


# Every outbox; the retries and the digests go through each.
OUTBOXES = ("notices.services.OUTBOX", "analysis.signal_mail.OUTBOX")


def retry_all() -> int:
    """Try every outbox's immediate rows still unsent once more; how many went."""
    return sum(named(name).retry_failed() for name in OUTBOXES)


def send_all_digests(frequency: str) -> int:
    """The daily or weekly digests of every outbox; how many messages went."""
    return sum(named(name).send_digests(frequency) for name in OUTBOXES)
