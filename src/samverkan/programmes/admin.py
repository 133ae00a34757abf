"""Admin for programme staff: questionnaires with their questions, indicator definitions."""

from django.contrib import admin

from samverkan.programmes.models import (
    Activity,
    ActivityParticipation,
    Contribution,
    ExchangeRate,
    Fund,
    IndicatorDefinition,
    IndicatorEntry,
    Partner,
    Priority,
    Programme,
    Project,
    Question,
    Questionnaire,
)


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class FundInline(admin.TabularInline):
    model = Fund
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year", "currency", "results_published"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PriorityInline, FundInline]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    autocomplete_fields = ["organisation"]


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["funder"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "programme", "start_date", "end_date", "status"]
    list_filter = ["programme", "status"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [PartnerInline, ContributionInline]


class ParticipationInline(admin.TabularInline):
    model = ActivityParticipation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "kind", "starts_on", "is_invented"]
    list_filter = ["kind", "project__programme"]
    inlines = [ParticipationInline]


@admin.register(IndicatorDefinition)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "programme", "source", "target", "unit"]
    list_filter = ["programme", "source"]


@admin.register(IndicatorEntry)
class IndicatorEntryAdmin(admin.ModelAdmin):
    list_display = ["indicator", "project", "reported_on", "value", "note"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "send_after_days"]
    inlines = [QuestionInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "rate", "valid_from", "note"]
    list_filter = ["source", "target"]
