from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "samverkan.scheduling"
    label = "scheduling"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "B2B meeting scheduling"
