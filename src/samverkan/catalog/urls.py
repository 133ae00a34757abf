from django.urls import path

from samverkan.catalog import views, views_manage, views_public

app_name = "catalog"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("new/", views.organisation_create, name="organisation-create"),
    path("export.<str:fmt>", views_manage.organisation_export, name="organisation-export"),
    path("import/", views_manage.import_upload, name="import-upload"),
    path("import/<int:pk>/", views_manage.import_mapping, name="import-mapping"),
    path("import/<int:pk>/commit/", views_manage.import_commit, name="import-commit"),
    path("catalogues/", views_manage.catalogue_list, name="catalogue-list"),
    path("catalogues/new/", views_manage.catalogue_edit, name="catalogue-create"),
    path("catalogues/<slug:slug>/", views_manage.catalogue_edit, name="catalogue-edit"),
    path("reference/<str:kind>/", views_public.reference_options, name="reference-options"),
    path("public/<slug:catalogue>/", views_public.public_list, name="public-list"),
    path("public/<slug:catalogue>/<slug:slug>/", views_public.public_detail, name="public-detail"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("<slug:slug>/claim/", views.organisation_claim_invite, name="organisation-claim"),
    path("<slug:slug>/people/new/", views.person_edit, name="person-create"),
    path("<slug:slug>/people/<int:pk>/", views.person_edit, name="person-edit"),
    path("<slug:slug>/people/<int:pk>/delete/", views.person_delete, name="person-delete"),
]
