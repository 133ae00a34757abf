"""Applying: start an application, answer the form, submit, follow it; operator screening."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.calls import forms, selectors, services
from samverkan.calls.models import Application, ApplicationStatus, Call, CallStatus
from samverkan.calls.views.calls import form_error
from samverkan.calls.workflow import APPLICANT, OPERATOR, TRANSITIONS, available_actions
from samverkan.common.permissions import permission_required

application_by_pk = objectgetter(Application, "pk")


@permission_required("calls.apply")
def call_apply(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug, status=CallStatus.PUBLISHED)
    form = forms.ApplyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                actor=request.user,
                call=call,
                organisation=form.cleaned_data["organisation"],
                title=form.cleaned_data["title"],
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                form.add_error(None, str(error))
            else:
                form_error(form, error)
        else:
            messages.success(request, _("A draft was created. Answer the questions and submit."))
            return redirect("calls:application-edit", pk=application.pk)
    deadline = services.format_deadline(
        call.deadline_for("concept" if call.is_two_stage else "full"), request.user
    )
    return render(
        request, "calls/application_apply.html", {"call": call, "form": form, "deadline": deadline}
    )


def _initial_answers(application: Application) -> dict:
    return {
        key: value
        for key, value in application.answers.items()
        if not (isinstance(value, dict) and "file_id" in value)
    }


@permission_required("calls.change_application", fn=application_by_pk, raise_exception=True)
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    call = application.call
    questions = list(call.questions.filter(stage=application.stage))
    form_class = forms.answers_form_class(questions, call=call)
    form = form_class(
        request.POST or None, request.FILES or None, initial=_initial_answers(application)
    )
    editable = application.status in (ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED)
    if request.method == "POST" and editable and form.is_valid():
        answers = {}
        for question in questions:
            value = form.cleaned_data.get(question.key)
            if question.kind != "file" and value not in (None, ""):
                answers[question.key] = value
        try:
            # One transaction: a refused submission leaves files and answers unchanged.
            with transaction.atomic():
                for question in questions:
                    upload = request.FILES.get(question.key)
                    if question.kind == "file" and upload:
                        services.application_file_attach(
                            actor=request.user,
                            application=application,
                            question=question,
                            upload=upload,
                        )
                services.application_save(
                    actor=request.user, application=application, answers=answers
                )
                if "submit" in request.POST:
                    services.application_submit(actor=request.user, application=application)
        except ValidationError as error:
            form_error(form, error)
        else:
            if "submit" in request.POST:
                messages.success(
                    request,
                    _("Your application was submitted. A confirmation is on its way by e-mail."),
                )
                return redirect(application)
            messages.success(request, _("Your draft was saved."))
            return redirect("calls:application-edit", pk=application.pk)
    context = {
        "application": application,
        "call": call,
        "form": form,
        "editable": editable,
        "files": {f"q{f.question_id}": f for f in application.files.all()},
        "deadline": services.format_deadline(call.deadline_for(application.stage), request.user),
    }
    return render(request, "calls/application_edit.html", context)


@permission_required("calls.view_application", fn=application_by_pk, raise_exception=True)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("call", "organisation"), pk=pk
    )
    user = request.user
    is_operator = user.has_perm("calls.manage_calls")
    is_member = services.is_applicant(user, application.organisation_id)
    questions = list(application.call.questions.all())
    answers = [
        (question, application.answers.get(question.key))
        for question in questions
        if question.stage == application.stage
    ]
    context = {
        "application": application,
        "answers": answers,
        "is_operator": is_operator,
        "is_member": is_member,
        "decision": getattr(application, "decision", None),
        "operator_actions": available_actions(
            status=application.status, role=OPERATOR, stage=application.stage
        )
        if is_operator
        else [],
        "applicant_actions": [
            action
            for action in available_actions(
                status=application.status, role=APPLICANT, stage=application.stage
            )
            if action.action == "withdraw"
        ]
        if is_member
        else [],
        # Consultation notes and reviews stay with operators: applicants never see reviewers.
        "notes": application.consultation_notes.select_related("author") if is_operator else [],
        "reviews": selectors.reviews_visible_to(user=user, application=application)
        if is_operator
        else [],
        "message_form": forms.MessageForm(),
        "note_form": forms.NoteForm(),
        "decision_form": forms.DecisionForm(),
    }
    return render(request, "calls/application_detail.html", context)


@require_POST
@permission_required("calls.view_application", fn=application_by_pk, raise_exception=True)
def application_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    if action not in TRANSITIONS:
        raise Http404
    try:
        services.application_transition(
            actor=request.user,
            application=application,
            action=action,
            message=request.POST.get("message", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": TRANSITIONS[action].label})
    return redirect(application)


@require_POST
@permission_required("calls.manage_calls")
def application_note(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.consultation_note_add(
            actor=request.user, application=application, **form.cleaned_data
        )
        messages.success(request, _("The consultation note was added."))
    else:
        messages.error(request, _("Name who was consulted and write the note."))
    return redirect(application)


@require_POST
@permission_required("calls.manage_calls")
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_make(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision was recorded."))
    else:
        messages.error(request, _("Choose a decision and give the reason."))
    return redirect(application)


@permission_required("calls.manage_calls")
def call_applications(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    if request.method == "POST":
        action, from_status = request.POST.get("action", ""), request.POST.get("from", "")
        if action not in ("start_screening", "start_review", "ready_for_decision"):
            raise Http404
        try:
            count = services.applications_transition_all(
                actor=request.user, call=call, action=action, from_status=from_status
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(count)s applications: %(action)s.")
                % {"count": count, "action": TRANSITIONS[action].label},
            )
        return redirect("calls:call-applications", slug=slug)
    applications = selectors.application_list(
        call=call, status=request.GET.get("status", ""), query=request.GET.get("q", "").strip()
    )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    context = {
        "call": call,
        "page": page,
        "params": request.GET,
        "statuses": ApplicationStatus.choices,
        "statistics": selectors.call_statistics(call=call),
    }
    return render(request, "calls/call_applications.html", context)


@permission_required("calls.list_own")
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list_for_user(
        user=request.user, status=request.GET.get("status", "")
    )
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "calls/my_applications.html",
        {"page": page, "params": request.GET, "statuses": ApplicationStatus.choices},
    )
