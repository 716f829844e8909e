"""A page that asks before an irreversible step and says what will follow (WCAG 3.3.4)."""

from django.shortcuts import render


def confirmation(
    request, *, question, consequences, confirm, cancel_url, assessment=None, offer_email=False, email_label=""
):
    context = {
        "email_label": email_label,
        "question": question,
        "consequences": consequences,
        "confirm": confirm,
        "cancel_url": cancel_url,
        "assessment": assessment,
        "offer_email": offer_email,
    }
    return render(request, "confirm.html", context)
