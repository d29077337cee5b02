"""Taking away what Sora keeps in a browser when a person signs out.

The observation form keeps unsent drafts in the browser's storage (observation-form.js). On a
shared computer the next person must find none of them, so signing out removes them twice
over: the response asks the browser to clear this site's storage (``Clear-Site-Data``), and
the next page loads ``clear-drafts.js``, because not every browser acts on the header and
none does over plain HTTP.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

# A message with this tag makes base.html load clear-drafts.js on the page that shows it.
CLEAR_DRAFTS_TAG = "clear-drafts"


def clear_browser_drafts(request: HttpRequest, response: HttpResponse, *, message: str):
    """Show ``message`` on the next page and remove every Sora draft from the browser."""
    messages.success(request, message, extra_tags=CLEAR_DRAFTS_TAG)
    response["Clear-Site-Data"] = '"storage"'
    return response
