"""Checks of the installation's settings that Django's own checks do not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_proxy_hops(app_configs, **kwargs):
    """Behind a proxy with no trusted hops, every client seems to come from the proxy: they
    would all share one address's sign-in and rate limits, and the audit log would show only
    the proxy."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXY_HOPS == 0:
        return [
            Warning(
                "BEHIND_PROXY is on but TRUSTED_PROXY_HOPS is 0, so every client has the "
                "proxy's address.",
                hint="Set TRUSTED_PROXY_HOPS to the number of proxies in front of Sora.",
                id="sora.W001",
            )
        ]
    return []
