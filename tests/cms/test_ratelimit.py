"""The comment rate limit: only comments actually stored count, per real client address.

Before: every attempt that passed the form counted, stored or not (a refused comment spent the
budget), and the address was REMOTE_ADDR only, with no notion of a trusted proxy.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from cms.models import ConsultationIndexPage
from cms.ratelimit import client_address
from tests.config.test_settings import run_manage
from workflow import public, services
from workflow.models import Comment

GROWS = "\ufb2c"  # three code points under NFC


def address(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


# -- the client address ------------------------------------------------------------------------


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_a_forwarded_header_from_an_untrusted_address_is_ignored():
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_a_trusted_proxy_names_the_client_and_spoofed_entries_are_ignored():
    # The client sent "1.1.1.1" itself; the proxy appended the address it saw.
    assert address("10.0.0.1", "1.1.1.1, 203.0.113.9") == "203.0.113.9"
    assert address("10.0.0.1", "203.0.113.9") == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "192.168.1.1"])
def test_a_chain_of_trusted_proxies_is_skipped_from_the_right():
    assert address("10.1.2.3", "1.1.1.1, 203.0.113.9, 192.168.1.1, 10.9.9.9") == "203.0.113.9"
    # Only proxies in the header: the nearest one is the best we know.
    assert address("10.1.2.3", "10.9.9.9") == "10.1.2.3"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
@pytest.mark.parametrize("forwarded", ["", " , ", "203.0.113.9, nonsense", "203.0.113.900"])
def test_a_malformed_forwarded_header_falls_back_to_the_remote_address(forwarded):
    assert address("10.0.0.1", forwarded) == "10.0.0.1"
    assert address("10.0.0.1") == "10.0.0.1"


@override_settings(TRUSTED_PROXIES=["2001:db8::/32", "10.0.0.0/8"])
def test_ipv6_proxies_and_clients():
    assert address("2001:db8::1", "2A00:1450:0:0::1, 2001:db8:ffff::2") == "2a00:1450::1"
    # A dual-stack socket reports an IPv4 proxy as an IPv4-mapped IPv6 address.
    assert address("::ffff:10.0.0.1", "203.0.113.9") == "203.0.113.9"
    assert address("2001:db9::1", "203.0.113.9") == "2001:db9::1"


@pytest.mark.parametrize("setting", [["10.0.0.300"], ["proxy.example.vn"]])
def test_a_bad_trusted_proxy_setting_is_refused(setting):
    with override_settings(TRUSTED_PROXIES=setting), pytest.raises(ImproperlyConfigured) as error:
        address("10.0.0.1", "203.0.113.9")
    assert setting[0] in str(error.value)


# -- what counts ---------------------------------------------------------------------------------


@pytest.fixture
def limit_of_two(monkeypatch):
    monkeypatch.setattr(ConsultationIndexPage, "comment_rate_limit", 2)


def send(client, page, *, forwarded_for: str = "", **fields):
    data = {"name": "Nguyễn Văn A", "text": "Đề nghị làm rõ Điều 2.", **fields}
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return client.post(f"/lay-y-kien/{page.pk}/", data, headers=headers)


def test_invalid_forms_do_not_spend_the_budget(client, open_draft, limit_of_two):
    for _ in range(3):
        assert send(client, open_draft, text="").status_code == 400
        assert send(client, open_draft, email="x" * 310 + "@example.com").status_code == 400
        assert send(client, open_draft, name=GROWS * 200).status_code == 400
    assert send(client, open_draft).status_code == 302
    assert send(client, open_draft).status_code == 302
    response = send(client, open_draft)
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_spam_does_not_spend_the_budget(client, open_draft, limit_of_two):
    for _ in range(3):
        assert send(client, open_draft, website="http://spam.example").status_code == 302
    assert send(client, open_draft).status_code == 302
    assert send(client, open_draft).status_code == 302
    assert Comment.objects.count() == 2


def test_a_refused_comment_does_not_spend_the_budget(client, open_draft, limit_of_two, monkeypatch):
    # The consultation closes between the page being read and the comment being stored.
    stale = public.open_consultation(open_draft.pk)
    services.perform_transition(
        workflow_id=open_draft.workflow.pk, name="close_consultation", user=None, system=True
    )
    with monkeypatch.context() as patch:
        patch.setattr(public, "open_consultation", lambda page_id: stale)
        for _ in range(3):
            response = send(client, open_draft)
            assert response.status_code == 400
            assert response.context["form"].non_field_errors() == [
                "Dự thảo hiện không trong thời gian lấy ý kiến."
            ]
    services.perform_transition(
        workflow_id=open_draft.workflow.pk,
        name="open_consultation",
        user=None,
        system=True,
        consultation_ends_on=stale.round.ends_on,
    )
    assert send(client, open_draft).status_code == 302
    assert Comment.objects.count() == 1


def test_the_budget_is_checked_before_storing(client, open_draft, limit_of_two):
    assert send(client, open_draft).status_code == 302
    assert send(client, open_draft).status_code == 302
    response = send(client, open_draft)
    assert response.status_code == 429
    assert "quá nhiều góp ý" in response.content.decode()
    assert Comment.objects.count() == 2


def test_a_spoofed_forwarded_header_does_not_buy_a_new_budget(client, open_draft, limit_of_two):
    for n in range(2):
        assert send(client, open_draft, forwarded_for=f"203.0.113.{n}").status_code == 302
    assert send(client, open_draft, forwarded_for="203.0.113.99").status_code == 429


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_each_client_has_its_own_budget(client, open_draft, limit_of_two):
    for _ in range(2):
        assert send(client, open_draft, forwarded_for="203.0.113.1").status_code == 302
    assert send(client, open_draft, forwarded_for="203.0.113.1").status_code == 429
    assert send(client, open_draft, forwarded_for="203.0.113.2").status_code == 302


def test_the_setting_is_read_from_the_environment_and_checked_at_startup():
    shell = "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = run_manage("shell", "-c", shell, env={**env, "TRUSTED_PROXIES": "10.0.0.0/8, ::1"})
    assert result.stdout.strip().splitlines()[-1] == "['10.0.0.0/8', '::1']", result.stderr
    result = run_manage("check", env={**env, "TRUSTED_PROXIES": "10.0.0.1,proxy.example.vn"})
    assert result.returncode != 0
    assert "cms.E001" in result.stderr and "proxy.example.vn" in result.stderr
