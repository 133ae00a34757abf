from django.urls import path

from samverkan.matching import views, views_interests, views_runs, views_searches

app_name = "matching"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_panel, name="dashboard-panel"),
    path("suggestions/<slug:slug>/", views.suggestions, name="suggestions"),
    path("suggestions/<slug:slug>/feedback/<int:pk>/", views.feedback, name="feedback"),
    path("interests/", views_interests.interest_list, name="interest-list"),
    path("interests/new/<slug:slug>/", views_interests.interest_create, name="interest-create"),
    path("interests/<int:pk>/", views_interests.interest_detail, name="interest-detail"),
    path("interests/<int:pk>/accept/", views_interests.interest_accept, name="interest-accept"),
    path("interests/<int:pk>/decline/", views_interests.interest_decline, name="interest-decline"),
    path(
        "interests/<int:pk>/withdraw/", views_interests.interest_withdraw, name="interest-withdraw"
    ),
    path("contacts/", views_interests.contact_list, name="contact-list"),
    path("searches/", views_searches.search_list, name="search-list"),
    path("searches/<int:pk>/", views_searches.search_detail, name="search-detail"),
    path("searches/<int:pk>/delete/", views_searches.search_delete, name="search-delete"),
    path("runs/", views_runs.run_list, name="run-list"),
    path("runs/<int:pk>/", views_runs.run_detail, name="run-detail"),
    path("runs/<int:pk>/export.<str:fmt>", views_runs.run_export, name="run-export"),
]
