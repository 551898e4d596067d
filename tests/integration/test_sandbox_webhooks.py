"""Subscriptions: validation handshake, notification delivery, renewal with If-Match, expiry cap."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.sandbox_fixtures import client_of, new_dossier


class Receiver(ThreadingHTTPServer):
    """A tiny webhook endpoint: echoes validation tokens (unless told not to), records notifications."""

    echo = True
    handshakes = 0

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.notifications: list[dict] = []
        self.arrived = threading.Condition()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"

    def wait_for(self, predicate, timeout: float = 15.0) -> list[dict]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: predicate(self.notifications), timeout), self.notifications
            return list(self.notifications)


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if "validationToken" in query:
            self.server.handshakes += 1
            answer = query["validationToken"][0].encode() if self.server.echo else b"nope"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return
        with self.server.arrived:
            payload = json.loads(body)  # BC: {"value": [...]}; the vendor: one event per POST
            self.server.notifications.extend(payload.get("value", [payload]))
            self.server.arrived.notify_all()
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hooked(sandbox_factory):
    return sandbox_factory(dossiers=50, webhook_delay_s=0.05)


def test_subscribe_and_receive_notifications(hooked, receiver: Receiver) -> None:
    with client_of(hooked) as client:
        response = client.post(
            "subscriptions",
            json={"notificationUrl": receiver.url, "resource": "dossiers", "clientState": "geheim-123"},
        )
        assert response.status_code == 201, response.text
        sub = response.json()
        assert receiver.handshakes == 1
        assert sub["clientState"] == "geheim-123"
        assert sub["@odata.etag"]
        expires = datetime.fromisoformat(sub["expirationDateTime"].replace("Z", "+00:00"))
        assert timedelta(days=2, hours=23) < expires - datetime.now(UTC) <= timedelta(days=3)
        assert [s["subscriptionId"] for s in client.get("subscriptions").json()["value"]] == [
            sub["subscriptionId"]
        ]

        created = new_dossier(client)
        client.patch(f"dossiers({created['id']})", json={"description": "changed"}, headers={"If-Match": "*"})
        notes = receiver.wait_for(lambda n: len(n) >= 2)
        assert [n["changeType"] for n in notes[:2]] == ["created", "updated"]
        first = notes[0]
        assert set(first) == {
            "subscriptionId",
            "clientState",
            "expirationDateTime",
            "resource",
            "changeType",
            "lastModifiedDateTime",
        }
        assert first["subscriptionId"] == sub["subscriptionId"]
        assert first["clientState"] == "geheim-123"
        assert first["resource"].endswith(f"/companies({hooked.company_id})/dossiers({created['id']})")
        hooked.touch(2)
        receiver.wait_for(lambda n: len(n) >= 4)
    deadline = time.monotonic() + 5  # the counter moves once the receiver has answered
    while hooked.stats()["webhooks"]["delivered"] < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert hooked.stats()["webhooks"]["delivered"] >= 4


def test_many_changes_become_one_collection_notification(sandbox_factory, receiver: Receiver) -> None:
    server = sandbox_factory(dossiers=50, webhook_delay_s=0.05, webhook_collection_threshold=10)
    with client_of(server) as client:
        assert (
            client.post(
                "subscriptions", json={"notificationUrl": receiver.url, "resource": "dossiers"}
            ).status_code
            == 201
        )
        server.touch(30)
        notes = receiver.wait_for(lambda n: len(n) >= 1)
        time.sleep(0.2)
        assert len(receiver.notifications) == 1
        assert notes[0]["changeType"] == "collection"
        assert notes[0]["resource"].endswith("/dossiers")


def test_failed_handshake_is_400(hooked, receiver: Receiver) -> None:
    receiver.echo = False
    with client_of(hooked) as client:
        response = client.post(
            "subscriptions", json={"notificationUrl": receiver.url, "resource": "dossiers"}
        )
        assert response.status_code == 400
        assert response.json()["error"]["details"][0]["target"] == "notificationUrl"
        unreachable = client.post(
            "subscriptions", json={"notificationUrl": "http://127.0.0.1:9/x", "resource": "dossiers"}
        )
        assert unreachable.status_code == 400
        bad = client.post("subscriptions", json={"notificationUrl": receiver.url, "resource": "payroll"})
        assert bad.status_code == 400
        assert bad.json()["error"]["details"][0]["target"] == "resource"


def test_renew_needs_if_match_and_caps_expiry(hooked, receiver: Receiver) -> None:
    with client_of(hooked) as client:
        past = client.post(
            "subscriptions",
            json={
                "notificationUrl": receiver.url,
                "resource": "dossiers",
                "expirationDateTime": "2020-01-01T00:00:00Z",
            },
        )
        assert past.status_code == 400
        assert past.json()["error"]["details"][0]["target"] == "expirationDateTime"
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        sub = client.post(
            "subscriptions",
            json={"notificationUrl": receiver.url, "resource": "dossiers", "expirationDateTime": tomorrow},
        ).json()
        url = f"subscriptions('{sub['subscriptionId']}')"
        far = (datetime.now(UTC) + timedelta(days=30)).isoformat()
        assert client.patch(url, json={"expirationDateTime": far}).status_code == 412
        assert (
            client.patch(
                url, json={"expirationDateTime": far}, headers={"If-Match": 'W/"JzE7MTsn"'}
            ).status_code
            == 412
        )
        renewed = client.patch(
            url, json={"expirationDateTime": far}, headers={"If-Match": sub["@odata.etag"]}
        )
        assert renewed.status_code == 200
        expires = datetime.fromisoformat(renewed.json()["expirationDateTime"].replace("Z", "+00:00"))
        assert expires - datetime.now(UTC) <= timedelta(days=3)
        assert receiver.handshakes == 2  # a refused body never reaches the endpoint; renewal validates again
        current = client.get(url).json()
        assert client.delete(url, headers={"If-Match": current["@odata.etag"]}).status_code == 204
        assert client.get(url).status_code == 404


def test_expired_subscription_disappears(hooked, receiver: Receiver) -> None:
    soon = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    with client_of(hooked) as client:
        sub = client.post(
            "subscriptions",
            json={"notificationUrl": receiver.url, "resource": "dossiers", "expirationDateTime": soon},
        ).json()
        assert client.get(f"subscriptions('{sub['subscriptionId']}')").status_code == 200
        time.sleep(max(0.0, (datetime.fromisoformat(soon) - datetime.now(UTC)).total_seconds()) + 0.2)
        assert client.get(f"subscriptions('{sub['subscriptionId']}')").status_code == 404
        assert client.get("subscriptions").json()["value"] == []


def test_subscriptions_are_per_user(hooked, receiver: Receiver) -> None:
    with client_of(hooked) as mine, client_of(hooked, "auditor@demo") as theirs:
        sub = theirs.post("subscriptions", json={"notificationUrl": receiver.url, "resource": "dossiers"})
        assert sub.status_code == 201  # read access is enough to subscribe
        assert mine.get("subscriptions").json()["value"] == []
        assert mine.get(f"subscriptions('{sub.json()['subscriptionId']}')").status_code == 404
