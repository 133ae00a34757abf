from django.urls import path

from samverkan.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit-log/", views.audit_log, name="audit-log"),
]
