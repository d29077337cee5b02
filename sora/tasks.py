"""Background work of the project itself."""

import time

from django_tasks import task


@task()
def worker_probe(*, seconds: float = 0.0) -> str:
    """Takes ``seconds`` and answers "done": shows that workers run tasks to the end, also
    when one is stopped in the middle (see ``bench/fault_test.py``). Harmless to repeat."""
    time.sleep(seconds)
    return "done"
