import contextlib
import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Worker

from sora import worker as keeper
from sora.errors import DATABASE_UNAVAILABLE

logger = logging.getLogger("sora.worker")
OUTAGE_PAUSE = 5.0


class Command(BaseCommand):
    help = (
        "Run background tasks from the database queue. Unlike db_worker, it runs again any "
        "task a killed worker left unfinished, waits out database outages, and queues the "
        "retention run once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--queue-name", default="default", help="comma-separated, or *")

    def handle(self, *args, interval, queue_name, verbosity, **options):
        logging.getLogger("django_tasks_db").setLevel(
            logging.INFO if verbosity > 1 else logging.WARNING
        )
        worker_id = keeper.new_worker_id()
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write(f"worker {worker_id} started")
        while worker.running:
            if self._round(worker, worker_id) and worker.running:
                time.sleep(interval)

    def _round(self, worker, worker_id) -> bool:
        """Recover, schedule and run every ready task. False after a database outage."""
        try:
            recovered = keeper.requeue_abandoned(own_id=worker_id)
            if recovered:
                logger.warning("queued again %d tasks a stopped worker left unfinished", recovered)
            keeper.schedule_periodic()
            worker.run()
        except DATABASE_UNAVAILABLE as error:
            logger.warning("database unavailable (%s); trying again shortly", error)
            with contextlib.suppress(DatabaseError):
                connections.close_all()
            time.sleep(OUTAGE_PAUSE)
            return False
        return True
