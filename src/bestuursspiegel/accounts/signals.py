from django.dispatch import Signal

# Sent after a user changed their own password (old one given), with `user`, `old_password` and
# `new_password`: for keys protected by the password (the reporting desk's recipient keys).
password_changed = Signal()
