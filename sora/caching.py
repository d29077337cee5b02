"""Nothing personal stays in a cache: signed-in pages and every download are ``no-store``.

A browser's cache and any proxy on the way keep what a response allows them to; on a shared
ward computer the next person could open the previous one's inbox from the back button or
the disk cache. Every response to a signed-in person (also the one that signs them in or
out), every file download and every answer to a POST (which may hand a typed text back) are
sent with ``Cache-Control: no-store``; the receipt pages, opened with a code, mark
themselves with ``never_cache``. Public pages for anonymous visitors and static files
(served before this middleware) stay cacheable.
"""

from django.utils.cache import add_never_cache_headers

SAFE_METHODS = ("GET", "HEAD")


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_before = _signed_in(request)
        response = self.get_response(request)
        if (
            signed_in_before
            or _signed_in(request)
            or request.method not in SAFE_METHODS
            or _is_download(response)
        ):
            add_never_cache_headers(response)
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _is_download(response) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")
