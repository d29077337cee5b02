"""The small markup of the information pages, turned into HTML with every character of the
text escaped: administrators write plain text, never HTML.

- Blocks are separated by an empty line.
- A block of one line starting with ``## `` is a heading (``<h2>``).
- A block whose every line starts with ``- `` is a list.
- Any other block is a paragraph; its lines are kept as lines.
- Web and e-mail addresses become links.
"""

import re

from django.utils.html import format_html, format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

HEADING = "## "
ITEM = "- "


def render(text: str) -> SafeString:
    blocks = [block for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    return mark_safe("\n".join(_block(block.strip()) for block in blocks))  # noqa: S308  (each part escaped)


def _block(block: str) -> str:
    lines = [line.strip() for line in block.split("\n")]
    if len(lines) == 1 and lines[0].startswith(HEADING):
        return format_html("<h2>{}</h2>", _inline(lines[0][len(HEADING) :]))
    if all(line.startswith(ITEM) for line in lines):
        items = format_html_join(
            "", "<li>{}</li>", ((_inline(line[len(ITEM) :]),) for line in lines)
        )
        return format_html("<ul>{}</ul>", items)
    return format_html("<p>{}</p>", mark_safe("<br>".join(_inline(line) for line in lines)))  # noqa: S308


def _inline(text: str) -> SafeString:
    """Escaped text with its addresses as links (``urlize`` escapes what it does not link)."""
    return mark_safe(urlize(text.strip(), autoescape=True))  # noqa: S308
