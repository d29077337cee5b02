"""Checks of the installation's settings that Django's own checks do not make."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


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


@register(Tags.security, deploy=True)
def check_two_factor(app_configs, **kwargs):
    """Without the two-factor requirement, a stolen password alone opens an analyst's or an
    administrator's account: fine for the local demo, never for an installation."""
    if not settings.TWO_FACTOR_REQUIRED:
        return [
            Warning(
                "TWO_FACTOR_REQUIRED is off, so analysts and administrators sign in with a "
                "password alone.",
                hint="Remove TWO_FACTOR_REQUIRED=false from the environment.",
                id="sora.W002",
            )
        ]
    return []


@register(Tags.security)
def check_two_factor_roles(app_configs, **kwargs):
    """A misspelt role in TWO_FACTOR_REQUIRED_ROLES would silently require nothing."""
    from accounts.models import Role

    unknown = sorted(set(settings.TWO_FACTOR_REQUIRED_ROLES) - set(Role.values))
    if unknown:
        return [
            Error(
                f"TWO_FACTOR_REQUIRED_ROLES names no such role: {', '.join(unknown)}.",
                hint=f"Use roles among: {', '.join(Role.values)}.",
                id="sora.E001",
            )
        ]
    return []
