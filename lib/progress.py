"""The progress of a background run, told to its page as JSON.

A page whose run is in progress asks its own address again now and then with the header
``X-Sora-Progress`` (static/js/run-progress.js) instead of reloading itself, so nothing typed
on the page is lost (WCAG 2.2.1). The view answers such a request with ``progress_reply``
before building the page.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

HEADER = "X-Sora-Progress"


def wants_progress(request: HttpRequest) -> bool:
    return request.headers.get(HEADER) == "1"


def progress_reply(*, working: bool, progress: int | None = None, failed: bool = False):
    response = JsonResponse({"working": working, "progress": progress, "failed": failed})
    patch_vary_headers(response, [HEADER])
    add_never_cache_headers(response)
    return response
