from django.urls import path

from samverkan.visits.views import delegation, hosts, operator, pages, public

app_name = "visits"

urlpatterns = [
    path("book/<slug:slug>/", public.book, name="book"),
    path("status/<str:token>/", public.status, name="status"),
    path("status/<str:token>/itinerary.ics", public.status_ical, name="status-ical"),
    path("status/<str:token>/itinerary.pdf", public.status_pdf, name="status-pdf"),
    path("requests/", operator.request_list, name="request-list"),
    path("requests/statistics/", operator.statistics, name="statistics"),
    path("requests/<int:pk>/", operator.request_detail, name="request-detail"),
    path("requests/<int:pk>/transition/", operator.request_transition, name="request-transition"),
    path("requests/<int:pk>/assign/", operator.request_assign, name="request-assign"),
    path("requests/<int:pk>/comment/", operator.request_comment, name="request-comment"),
    path("requests/<int:pk>/hosts/", operator.host_invite, name="host-invite"),
    path("requests/<int:pk>/itinerary/", operator.itinerary_add, name="itinerary-add"),
    path("requests/<int:pk>/itinerary/draft/", operator.itinerary_draft, name="itinerary-draft"),
    path(
        "requests/<int:pk>/itinerary/<int:item_pk>/delete/",
        operator.itinerary_delete,
        name="itinerary-delete",
    ),
    path("requests/<int:pk>/itinerary.ics", operator.request_ical, name="request-ical"),
    path("requests/<int:pk>/itinerary.pdf", operator.request_pdf, name="request-pdf"),
    path(
        "requests/<int:pk>/delegation/",
        delegation.delegation_register,
        name="delegation-register",
    ),
    path("requests/<int:pk>/results/", operator.outcome_record, name="outcome-record"),
    path("pages/", pages.page_list, name="page-list"),
    path("pages/new/", pages.page_create, name="page-create"),
    path("pages/<slug:slug>/edit/", pages.page_edit, name="page-edit"),
    path("hosting/", hosts.host_invitation_list, name="host-list"),
    path("hosting/<int:pk>/", hosts.host_respond, name="host-respond"),
]
