from django.contrib import admin

from samverkan.catalog.models import (
    Catalogue,
    Country,
    ImportJob,
    Organisation,
    OrganisationText,
    Person,
    Region,
    Sector,
)


class OrganisationTextInline(admin.StackedInline):
    model = OrganisationText
    extra = 0


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "region", "visibility", "is_demo"]
    list_filter = ["kind", "country", "visibility", "is_demo"]
    search_fields = ["name", "slug", "registration_number"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["region"]
    filter_horizontal = ["sectors", "target_markets"]
    inlines = [OrganisationTextInline, PersonInline]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_eu", "is_efta"]
    list_filter = ["is_eu", "is_efta"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "country_code"]
    list_filter = ["level", "country_code"]
    search_fields = ["code", "name"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "section"]
    list_filter = ["level", "section"]
    search_fields = ["code", "name"]


@admin.register(Catalogue)
class CatalogueAdmin(admin.ModelAdmin):
    list_display = ["slug", "is_published", "published_at"]
    filter_horizontal = ["organisations"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "status", "created_by", "created_at", "committed_at"]
    readonly_fields = ["headers", "mapping", "report", "status", "committed_at"]
    exclude = ["content"]
