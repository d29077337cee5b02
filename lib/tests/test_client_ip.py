"""The client's address comes from REMOTE_ADDR or from our own proxies, never from the client."""

import pytest
from django.test import RequestFactory

from lib.ratelimit import client_ip


def request_from(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connecting_address_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_ip(request_from("198.51.100.4", "6.6.6.6")) == "198.51.100.4"


def test_behind_one_proxy_the_address_it_added_counts_not_the_clients_claim(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_HOPS = 1
    # The client sent "X-Forwarded-For: 6.6.6.6"; our proxy appended the address it saw.
    assert client_ip(request_from(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_address_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    request = request_from(forwarded="6.6.6.6, 203.0.113.7, 10.0.0.9")
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "203.0.113.7", "not-an-address, 10.0.0.9"])
def test_a_header_that_did_not_pass_our_proxies_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_ip(request_from("10.0.0.1", forwarded)) == "10.0.0.1"


def test_an_ipv6_client_is_kept(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_ip(request_from(forwarded="2001:db8::1")) == "2001:db8::1"
