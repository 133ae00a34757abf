from django.urls import path

from samverkan.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
]
