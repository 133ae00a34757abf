"""Demo logins. The people are invented and flagged `is_demo`."""

from __future__ import annotations

from samverkan.accounts.models import User

DEMO_USERS = [
    {
        "email": "operator@example.org",
        "full_name": "Olivia Operator (invented)",
        "is_operator": True,
        "language": "en",
    },
    {
        "email": "sme@example.org",
        "full_name": "Sam Företagare (invented)",
        "is_operator": False,
        "language": "sv",
    },
]


def load_demo_data(*, password: str, stdout) -> None:
    for spec in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            email=spec["email"],
            defaults={
                "full_name": spec["full_name"],
                "is_operator": spec["is_operator"],
                "language": spec["language"],
                "is_demo": True,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
    stdout.write(f"  {len(DEMO_USERS)} demo logins")
