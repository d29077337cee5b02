"""Form fields every app shares: free text with a length limit checked before anything else.

Every free-text field of every form is a ``BoundedTextField`` (``text_field(...)`` in a form,
``field_classes`` in a model form's ``Meta``): its limit is checked when the field is cleaned,
so a text over the limit never reaches the personal-data guard or any other processing, and
the page hands the whole text back with a translated message. The guard has a bound of its
own (``settings.GUARD_MAX_CHARS``) for what arrives some other way.
"""

from django import forms
from django.conf import settings
from django.utils.translation import ngettext


def too_long_message(length: int, limit: int) -> str:
    return ngettext(
        "The text is %(length)s character long; the limit is %(limit)s. "
        "Shorten it: your text is kept below.",
        "The text is %(length)s characters long; the limit is %(limit)s. "
        "Shorten it: your text is kept below.",
        length,
    ) % {"length": length, "limit": limit}


class BoundedTextField(forms.CharField):
    """Free text of at most ``max_length`` characters, or else as many as the setting
    ``setting`` says (``TEXT_MAX_CHARS``; ``LONG_TEXT_MAX_CHARS`` for long documents), read
    when the form is checked.

    The page gets no ``maxlength`` attribute: a browser would silently cut a pasted text. The
    limit is checked on the server, first, and the whole text comes back with the message.
    """

    def __init__(self, *, max_length: int | None = None, setting: str = "TEXT_MAX_CHARS", **kwargs):
        self.limit = max_length
        self.setting = setting
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    @property
    def max_length(self) -> int:
        return self.limit or getattr(settings, self.setting)

    @max_length.setter
    def max_length(self, value: int | None) -> None:
        # CharField's constructor sets it; the limit is kept in ``limit`` instead.
        pass

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        if isinstance(value, str) and len(value) > self.max_length:
            # Before anything else reads it: an over-long text is refused as it came.
            length = len(value.strip())
            if length > self.max_length:
                raise forms.ValidationError(
                    too_long_message(length, self.max_length), code="too_long"
                )
        return super().to_python(value)


def text_field(label, *, required: bool = True, rows: int = 0, **kwargs) -> BoundedTextField:
    """A bounded free-text field: a text area of ``rows`` rows, or a line when rows is 0.
    Takes ``max_length`` or ``setting`` and any other argument of a form field."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return BoundedTextField(label=label, required=required, widget=widget, **kwargs)
