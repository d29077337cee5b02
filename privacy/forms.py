"""The enforcement point's verdict as form errors, for model forms that write declared texts
(the Django admin's): the person sees which field holds personal data instead of an error
page, and keeps what they typed."""

from django import forms
from django.utils.translation import gettext as _

from privacy.enforcement import PersonalDataRefused, guard_instance
from privacy.guard import TextTooLong, kind_label


class GuardedModelFormMixin:
    def _post_clean(self):
        super()._post_clean()
        try:
            guard_instance(self.instance)
        except TextTooLong as refused:
            self.add_error(refused.field if refused.field in self.fields else None, refused)
        except PersonalDataRefused as refused:
            for name, found in refused.problems.items():
                kinds = ", ".join(sorted({str(kind_label(f.kind)) for f in found}))
                message = _(
                    "The text contains personal data (%(kinds)s). Remove it before saving."
                ) % {"kinds": kinds}
                self.add_error(name if name in self.fields else None, message)


def guarded(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``form_class`` with the enforcement point's check as part of its validation."""
    if issubclass(form_class, GuardedModelFormMixin):
        return form_class
    return type(f"Guarded{form_class.__name__}", (GuardedModelFormMixin, form_class), {})
