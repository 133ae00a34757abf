from django.urls import path

from samverkan.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my-data"),
    path("export/", views.export, name="export"),
    path("erase/", views.erase, name="erase"),
]
