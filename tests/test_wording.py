"""Small wording rules that every page follows."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class Question(forms.Form):
    novelty = forms.CharField(label="Is the phenomenon new or familiar?")
    place = forms.CharField(label="Place")


def test_error_summary_puts_no_colon_after_a_question():
    with translation.override("en"):
        form = Question(data={})
        form.is_valid()
        html = render_to_string("reporting/_error_summary.html", {"forms_with_errors": [form]})
    assert "familiar? This field is required." in html
    assert "?:" not in html
    assert "Place: This field is required." in html


def test_guard_message_has_no_double_negative():
    message = (
        "The text contains personal data: %(findings)s. Remove it: nothing is saved until "
        "the text identifies no one."
    )
    with translation.override("fi"):
        finnish = translation.gettext(message)
    with translation.override("sv"):
        swedish = translation.gettext(message)
    assert "ennen kuin teksti ei" not in finnish and finnish != message
    assert "förrän texten inte" not in swedish and swedish != message
