from django.contrib import admin

from samverkan.privacy.models import DataRequest


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "user", "completed_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "user", "created_at", "completed_at", "rows_affected"]
