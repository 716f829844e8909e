"""A scheduled job started on every instance at once works on one of them only."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from bestuursspiegel.plans import services as plans
from bestuursspiegel.utils.locks import installation_lock


class HeldElsewhere:
    """Another instance (its own thread and database connection) holds the lock until released."""

    def __init__(self, name):
        self.name, self.taken, self.release = name, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with installation_lock(self.name) as held:
                assert held
                self.taken.set()
                self.release.wait(30)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(30)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(30)


@pytest.mark.django_db(transaction=True)
def test_reminders_are_sent_by_one_instance_only(running, facilitator, capsys):
    plans.action_create(
        assessment=running,
        actor=facilitator,
        title="Gedragscode bespreken",
        owner="X",
        owner_email="x@example.org",
        due_date=datetime.date.today() + datetime.timedelta(days=2),
    )
    with HeldElsewhere("send_action_reminders"):
        call_command("send_action_reminders")
        assert "skipped" in capsys.readouterr().out
        assert mail.outbox == []
        call_command("purge_expired_answers")  # another job's lock is free
        assert "purged" in capsys.readouterr().out
    call_command("send_action_reminders")
    assert "1 reminder(s) sent" in capsys.readouterr().out
    call_command("send_action_reminders")  # a later run on another instance: nothing again
    assert "0 reminder(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_lock_is_free_again_after_its_holder_ends():
    with installation_lock("job") as first:
        assert first
    with HeldElsewhere("job"), installation_lock("job") as second:
        assert not second
    with installation_lock("job") as third:
        assert third
