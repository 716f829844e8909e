"""Facilitator accounts: lockout, two-step verification, sessions, and OIDC against a mocked provider."""

import time
from unittest import mock
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuursspiegel.accounts.tests.factories import PASSWORD, UserFactory
from bestuursspiegel.audit.models import AuditEvent


def login(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": password})


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account(client, settings):
    settings.AXES_ENABLED = True
    user = UserFactory()
    for _ in range(4):
        failed = login(client, user, "fout-wachtwoord")
        assert failed.status_code == 200
    assert "Inloggen is niet gelukt" in failed.content.decode()  # not "the form could not be saved"
    assert "opgeslagen" not in failed.content.decode()
    assert login(client, user, "fout-wachtwoord").status_code == 429  # the fifth failure locks
    locked = login(client, user)  # even the right password is refused now
    assert locked.status_code == 429
    assert "Te veel pogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_successful_login_rotates_the_session_and_is_audited(client):
    user = UserFactory()
    client.get(reverse("accounts:login"))
    client.session["probe"] = 1
    before = client.session.session_key
    login(client, user)
    assert client.session.session_key != before
    assert AuditEvent.objects.unscoped().filter(action="account.login", actor=user).exists()


@pytest.mark.django_db
def test_deactivated_accounts_lose_access_at_once(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    assert client.get(reverse("assessments:dashboard")).status_code == 200
    facilitator.is_active = False
    facilitator.save()
    assert client.get(reverse("assessments:dashboard")).status_code == 302


@pytest.mark.django_db
def test_session_cookie_settings(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_REFRESH_INTERVAL == 60
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
    from bestuursspiegel.conf import production  # noqa: F401 - imported for its values

    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE and production.SECURE_HSTS_SECONDS > 0
    # The tests hash with MD5 for speed; production hashes with Argon2.
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_staff_must_set_up_two_step_verification(client):
    editor = UserFactory(is_staff=True)
    login(client, editor)
    response = client.get(reverse("assessments:dashboard"))
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert client.get(reverse("admin:index"))["Location"] == reverse("accounts:two_factor_setup")
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "verplicht" in page and "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=editor)
    assert client.post(reverse("accounts:two_factor_setup"), {"token": "000000"}).status_code == 400
    # guessing is throttled: right after a wrong code even the right one is refused for a moment
    assert client.post(reverse("accounts:two_factor_setup"), {"token": code_for(device)}).status_code == 400
    time.sleep(2.1)
    client.post(reverse("accounts:two_factor_setup"), {"token": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("assessments:dashboard")).status_code == 200


@pytest.mark.django_db
def test_users_with_a_device_must_enter_a_code_after_the_password(client):
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    login(client, user)
    target = reverse("assessments:dashboard")
    response = client.get(target)
    assert response["Location"] == f"{reverse('accounts:verify')}?next={target}"
    wrong = client.post(reverse("accounts:verify"), {"token": "123456", "next": target})
    assert wrong.status_code == 400 and "niet juist" in wrong.content.decode()
    time.sleep(1.1)  # the device throttles guessing after a failure
    right = client.post(reverse("accounts:verify"), {"token": code_for(device), "next": target})
    assert right["Location"] == target
    assert client.get(target).status_code == 200
    # a code works once (no replay), and an open redirect through `next` is refused
    other = UserFactory()
    other_device = TOTPDevice.objects.create(user=other, name="app", confirmed=True)
    client.logout()
    login(client, other)
    evil = client.post(reverse("accounts:verify"), {"token": code_for(other_device), "next": "//evil.example"})
    assert evil["Location"] == reverse("home")


@pytest.mark.django_db
def test_a_password_alone_cannot_enrol_a_second_device(client):
    """The attack: log in with the password only, open the set-up page (exempt from the 2FA gate),
    enrol a device of one's own and confirm it, and be verified without the first factor's device."""
    staff = UserFactory(is_staff=True)
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    login(client, staff)
    setup = reverse("accounts:two_factor_setup")
    page = client.get(setup)
    assert page["Location"] == f"{reverse('accounts:verify')}?next={setup}"
    rogue = TOTPDevice.objects.filter(user=staff, confirmed=False).first()
    assert rogue is None  # no secret of a new device was handed out
    rogue = TOTPDevice.objects.create(user=staff, name="rogue", confirmed=False)
    client.post(setup, {"token": code_for(rogue)})
    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("accounts:verify"))


@pytest.mark.django_db
def test_two_step_verification_is_optional_for_facilitators(client, facilitator):
    login(client, facilitator)
    assert client.get(reverse("assessments:dashboard")).status_code == 200


# --- OIDC against a mocked provider ---------------------------------------------------------

CLIENT_ID = "bestuursspiegel-test"
SECRET = "test-client-secret-of-32-bytes-min!!"
ISSUER = "https://login.gemeente.example"


@pytest.fixture
def oidc(settings):
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{ISSUER}/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"


def start(client):
    response = client.get(reverse("oidc_authentication_init"))
    params = parse_qs(urlparse(response["Location"]).query)
    return {k: v[0] for k, v in params.items()}


def callback(client, params, *, email, audience=CLIENT_ID, issuer=ISSUER, nonce=None, state=None):
    claims = {
        "iss": issuer,
        "aud": audience,
        "sub": "123",
        "email": email,
        "exp": int(time.time()) + 300,
        "nonce": nonce or params["nonce"],
    }
    id_token = jwt.encode(claims, SECRET, algorithm="HS256")
    token_response = mock.Mock(status_code=200)
    token_response.json.return_value = {"id_token": id_token, "access_token": "access"}
    userinfo = mock.Mock(status_code=200, headers={"content-type": "application/json"})
    userinfo.json.return_value = {"email": email, "email_verified": True, "sub": "123"}
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token_response) as post,
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        response = client.get(
            reverse("oidc_authentication_callback"), {"code": "abc", "state": state or params["state"]}
        )
    return response, post


@pytest.mark.django_db
def test_oidc_code_flow_with_pkce_logs_in_an_existing_account(client, oidc, facilitator):
    params = start(client)
    assert params["response_type"] == "code" and params["code_challenge_method"] == "S256"
    assert params["client_id"] == CLIENT_ID and params["state"] and params["nonce"] and params["code_challenge"]
    response, post = callback(client, params, email=facilitator.email)
    assert post.call_args.kwargs["data"]["code_verifier"]  # PKCE verifier sent to the token endpoint
    assert response.status_code == 302 and response["Location"].endswith(reverse("assessments:dashboard"))
    assert int(client.session["_auth_user_id"]) == facilitator.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"audience": "another-client"},
        {"issuer": "https://evil.example"},
        {"nonce": "wrong-nonce"},
        {"state": "wrong-state"},
        {"email": "onbekend@example.org"},
    ],
)
def test_oidc_refuses_wrong_audience_issuer_nonce_state_or_unknown_accounts(client, oidc, facilitator, change):
    params = start(client)
    kwargs = {"email": facilitator.email, **change}
    response, _post = callback(client, params, **kwargs)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert response["Location"] == "/account/inloggen/"


@pytest.mark.django_db
def test_oidc_is_off_without_configuration(client):
    assert "Inloggen met het account van uw organisatie" not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_the_inactivity_timeout_is_renewed_at_most_once_a_minute(client, facilitator, verified_login):
    """Activity keeps a session alive (its expiry moves on), without a session write on every page."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    verified_login(client, facilitator)
    dashboard = reverse("assessments:dashboard")
    client.get(dashboard)  # the first page after login renews
    key = client.session.session_key
    first_expiry = Session.objects.get(session_key=key).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]
    assert Session.objects.get(session_key=key).expire_date == first_expiry

    later = time.time() + 61
    with mock.patch("bestuursspiegel.accounts.session_refresh.time.time", return_value=later):
        client.get(dashboard)
    assert Session.objects.get(session_key=key).expire_date > first_expiry


@pytest.mark.django_db
def test_an_idle_session_ends(client, facilitator, verified_login, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    verified_login(client, facilitator)
    dashboard = reverse("assessments:dashboard")
    assert client.get(dashboard).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get(dashboard).status_code == 302
