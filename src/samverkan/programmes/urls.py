from django.urls import path

from samverkan.programmes.views import indicators, manage, operator, programmes, projects, surveys

app_name = "programmes"

urlpatterns = [
    path("", programmes.programme_list, name="programme-list"),
    path("new/", manage.programme_edit, name="programme-create"),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/new/", manage.project_edit, name="project-create"),
    path("projects/<slug:slug>/edit/", manage.project_edit, name="project-edit"),
    path("projects/<slug:slug>/funding/", manage.project_funding, name="project-funding"),
    path(
        "projects/<slug:slug>/activities/<int:pk>/edit/",
        manage.activity_edit,
        name="activity-edit",
    ),
    path(
        "projects/<slug:slug>/activities/<int:pk>/delete/",
        manage.activity_delete,
        name="activity-delete",
    ),
    path("exchange-rates/<int:pk>/delete/", manage.exchange_rate_delete, name="rate-delete"),
    path("projects/<slug:slug>/", projects.project_detail, name="project-detail"),
    path("projects/<slug:slug>/dashboard/", projects.project_dashboard, name="project-dashboard"),
    path("projects/<slug:slug>/report.<str:fmt>", projects.project_report, name="project-report"),
    path("projects/<slug:slug>/activities/new/", projects.activity_create, name="activity-create"),
    path("projects/<slug:slug>/outcomes/new/", projects.outcome_create, name="outcome-create"),
    path("exchange-rates/", operator.exchange_rates, name="exchange-rates"),
    path("import/", operator.project_import, name="project-import"),
    path("entries/<int:pk>/evidence/", programmes.entry_evidence, name="entry-evidence"),
    path("surveys/<int:pk>/", surveys.questionnaire_detail, name="questionnaire-detail"),
    path("surveys/<int:pk>/remind/", surveys.survey_remind, name="survey-remind"),
    path("survey/<str:token>/", surveys.survey_answer, name="survey-answer"),
    path("survey-responses/<int:pk>/", surveys.survey_response, name="survey-response"),
    path("<slug:slug>/", programmes.programme_detail, name="programme-detail"),
    path("<slug:slug>/dashboard/", programmes.programme_dashboard, name="programme-dashboard"),
    path("<slug:slug>/results/", programmes.programme_results, name="programme-results"),
    path("<slug:slug>/publish/", programmes.programme_publish, name="programme-publish"),
    path("<slug:slug>/edit/", manage.programme_edit, name="programme-edit"),
    path("<slug:slug>/surveys/", surveys.questionnaire_list, name="questionnaire-list"),
    path("<slug:slug>/surveys/new/", surveys.questionnaire_edit, name="questionnaire-create"),
    path(
        "<slug:slug>/surveys/<int:pk>/edit/", surveys.questionnaire_edit, name="questionnaire-edit"
    ),
    path("<slug:slug>/indicators/", indicators.indicator_list, name="indicator-list"),
    path("<slug:slug>/indicators/new/", manage.indicator_edit, name="indicator-create"),
    path("<slug:slug>/indicators/<slug:code>/edit/", manage.indicator_edit, name="indicator-edit"),
    path(
        "<slug:slug>/indicators/<slug:code>/delete/",
        manage.indicator_delete,
        name="indicator-delete",
    ),
    path(
        "<slug:slug>/indicators/<slug:code>/", programmes.indicator_detail, name="indicator-detail"
    ),
    path(
        "<slug:slug>/indicators/<slug:code>/entries/new/",
        programmes.indicator_entry_create,
        name="indicator-entry-create",
    ),
]
