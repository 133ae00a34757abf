from django.urls import path

from samverkan.calls.views import applications, assessment, calls

app_name = "calls"

urlpatterns = [
    path("", calls.call_list, name="call-list"),
    path("new/", calls.call_create, name="call-create"),
    path("applications/", applications.my_applications, name="my-applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application-edit"),
    path(
        "applications/<int:pk>/action/<str:action>/",
        applications.application_transition,
        name="application-transition",
    ),
    path("applications/<int:pk>/notes/", applications.application_note, name="application-note"),
    path(
        "applications/<int:pk>/decide/", applications.application_decide, name="application-decide"
    ),
    path("reviews/", assessment.my_reviews, name="my-reviews"),
    path("reviews/<int:pk>/", assessment.review, name="review"),
    path("cohorts/<int:pk>/", assessment.cohort_detail, name="cohort-detail"),
    path("<slug:slug>/", calls.call_detail, name="call-detail"),
    path("<slug:slug>/edit/", calls.call_edit, name="call-edit"),
    path("<slug:slug>/status/<str:action>/", calls.call_status, name="call-status"),
    path("<slug:slug>/form/", calls.call_form_builder, name="call-form"),
    path("<slug:slug>/questions/<int:pk>/edit/", calls.question_edit, name="question-edit"),
    path(
        "<slug:slug>/questions/<int:pk>/<str:action>/",
        calls.question_change,
        name="question-change",
    ),
    path("<slug:slug>/criteria/<int:pk>/delete/", calls.criterion_delete, name="criterion-delete"),
    path("<slug:slug>/apply/", applications.call_apply, name="call-apply"),
    path("<slug:slug>/applications/", applications.call_applications, name="call-applications"),
    path("<slug:slug>/assessment/", assessment.assessment, name="assessment"),
    path("<slug:slug>/conflicts/", assessment.declare_conflict, name="declare-conflict"),
    path("<slug:slug>/ranking/", assessment.ranking, name="ranking"),
    path("<slug:slug>/letters/", assessment.send_letters, name="send-letters"),
    path("<slug:slug>/cohort/", assessment.cohort_create, name="cohort-create"),
]
