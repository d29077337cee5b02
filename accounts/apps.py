from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from accounts import (  # noqa: F401  (connect the sign-in signals)
            audit,
            guarded,  # noqa: F401  (declare the stored texts to the guard)
            language,
            middleware,
            throttle,
        )
