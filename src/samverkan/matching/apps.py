from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "samverkan.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Matchmaking"
