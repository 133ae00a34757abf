"""Operators configure booking pages (goals, focus areas, notices) in the admin."""

from django.contrib import admin

from samverkan.visits.models import BookingGoal, BookingPage, FocusArea, VisitRequest


class GoalInline(admin.TabularInline):
    model = BookingGoal
    extra = 1


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 1
    raw_id_fields = ["sectors"]


@admin.register(BookingPage)
class BookingPageAdmin(admin.ModelAdmin):
    list_display = ["slug", "organisation", "is_active", "privacy_notice_version"]
    list_filter = ["is_active"]
    search_fields = ["slug", "organisation__name"]
    inlines = [GoalInline, FocusAreaInline]


@admin.register(VisitRequest)
class VisitRequestAdmin(admin.ModelAdmin):
    list_display = ["reference", "page", "status", "created_at", "is_demo"]
    list_filter = ["status", "page", "is_demo"]
    search_fields = ["reference"]
    readonly_fields = [f.name for f in VisitRequest._meta.fields]
    exclude = ["focus_areas"]

    def has_add_permission(self, request):
        return False
