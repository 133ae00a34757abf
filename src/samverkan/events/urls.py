from django.urls import path

from samverkan.events.views import agenda, badges, bulk, desk, participants, setup

app_name = "events"

urlpatterns = [
    path("", setup.event_list, name="event-list"),
    path("new/", setup.event_create, name="event-create"),
    path("ical/<str:token>.ics", agenda.agenda_feed, name="agenda-feed"),
    path("<slug:slug>/", setup.event_detail, name="event-detail"),
    path("<slug:slug>/edit/", setup.event_update, name="event-update"),
    path("<slug:slug>/setup/", setup.event_setup, name="event-setup"),
    path("<slug:slug>/open/", setup.event_open, name="event-open"),
    path(
        "<slug:slug>/sessions/<int:session_id>/delete/", setup.session_delete, name="session-delete"
    ),
    path("<slug:slug>/tables/<int:table_id>/delete/", setup.table_delete, name="table-delete"),
    path("<slug:slug>/register/", participants.register, name="register"),
    path("<slug:slug>/me/", participants.my_participation, name="my-participation"),
    path(
        "<slug:slug>/participants/<int:participant_id>/",
        participants.participant_profile,
        name="participant-profile",
    ),
    path(
        "<slug:slug>/participants/<int:participant_id>/cancel/",
        participants.participant_cancel,
        name="participant-cancel",
    ),
    path(
        "<slug:slug>/participants/<int:participant_id>/request/",
        participants.request_send,
        name="request-send",
    ),
    path("<slug:slug>/marketplace/", participants.marketplace, name="marketplace"),
    path("<slug:slug>/requests/", participants.request_list, name="request-list"),
    path(
        "<slug:slug>/requests/<int:request_id>/accept/",
        participants.request_accept,
        name="request-accept",
    ),
    path(
        "<slug:slug>/requests/<int:request_id>/decline/",
        participants.request_decline,
        name="request-decline",
    ),
    path(
        "<slug:slug>/requests/<int:request_id>/withdraw/",
        participants.request_withdraw,
        name="request-withdraw",
    ),
    path("<slug:slug>/agenda/", agenda.my_agenda, name="my-agenda"),
    path("<slug:slug>/agenda/<int:participant_id>/", agenda.agenda, name="agenda"),
    path(
        "<slug:slug>/agenda/<int:participant_id>/agenda.ics", agenda.agenda_ical, name="agenda-ical"
    ),
    path(
        "<slug:slug>/agenda/<int:participant_id>/agenda.pdf",
        agenda.agenda_pdf_view,
        name="agenda-pdf",
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/feedback/", agenda.meeting_feedback, name="feedback"
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/cancel/",
        agenda.meeting_cancel_own,
        name="meeting-cancel-own",
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/follow-up/", agenda.meeting_followup, name="followup"
    ),
    path("<slug:slug>/desk/participants/", desk.participant_desk, name="desk-participants"),
    path("<slug:slug>/desk/participants/add/", bulk.participants_add, name="participants-add"),
    path("<slug:slug>/desk/badges.pdf", badges.badges_pdf_view, name="badges"),
    path(
        "<slug:slug>/desk/participants/<int:participant_id>/check-in/",
        desk.participant_check_in,
        name="check-in",
    ),
    path("<slug:slug>/desk/meetings/", desk.meeting_desk, name="desk-meetings"),
    path(
        "<slug:slug>/desk/meetings/<int:meeting_id>/cancel/",
        desk.meeting_cancel,
        name="meeting-cancel",
    ),
    path("<slug:slug>/desk/meetings/<int:meeting_id>/place/", desk.meeting_fix, name="meeting-fix"),
    path("<slug:slug>/desk/schedule/", desk.schedule, name="schedule"),
    path("<slug:slug>/desk/schedule/runs/<int:run_id>/", desk.run_progress, name="run-progress"),
    path("<slug:slug>/desk/publish/", desk.publish, name="publish"),
    path("<slug:slug>/desk/feedback-reminder/", desk.feedback_remind, name="feedback-remind"),
    path("<slug:slug>/desk/statistics/", desk.statistics, name="statistics"),
    path("<slug:slug>/desk/statistics.csv", desk.statistics_csv, name="statistics-csv"),
    path("<slug:slug>/desk/table-plan.pdf", desk.table_plan, name="table-plan"),
]
