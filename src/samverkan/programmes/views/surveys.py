"""Questionnaires, sending, response rates, and the login-free answer page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.common.permissions import permission_required, public
from samverkan.programmes.countries import country_choices, country_name
from samverkan.programmes.forms import SurveySendForm
from samverkan.programmes.models import (
    Question,
    Questionnaire,
    SurveyInvitation,
    SurveyResponse,
)
from samverkan.programmes.money import CURRENCIES
from samverkan.programmes.services import surveys as services
from samverkan.programmes.views.lookups import programme_by_slug, response_project


@permission_required("programmes.manage_surveys", raise_exception=True)
def questionnaire_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    questionnaires = programme.questionnaires.annotate(
        invited=Count("invitations", distinct=True),
        answered=Count(
            "invitations", filter=Q(invitations__responded_at__isnull=False), distinct=True
        ),
        question_count=Count("questions", distinct=True),
    )
    return render(
        request,
        "programmes/questionnaire_list.html",
        {"programme": programme, "questionnaires": questionnaires},
    )


@permission_required("programmes.manage_surveys", raise_exception=True)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("programme"), pk=pk)
    form = SurveySendForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.survey_send(
                actor=request.user,
                questionnaire=questionnaire,
                project=form.cleaned_data["project"],
                activity=form.cleaned_data["activity"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("%(count)s invitations were sent.") % {"count": len(created)}
            )
            return redirect("programmes:questionnaire-detail", pk=pk)
    invitations = questionnaire.invitations.select_related("organisation", "project")
    by_project = (
        questionnaire.invitations.values("project__name", "project__acronym")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False)))
        .order_by("project__name")
    )
    return render(
        request,
        "programmes/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "programme": questionnaire.programme,
            "form": form,
            "questions": questionnaire.questions.all(),
            "invitations": invitations[:200],
            "by_project": by_project,
        },
    )


@require_POST
@permission_required("programmes.manage_surveys", raise_exception=True)
def survey_remind(request: HttpRequest, pk: int) -> HttpResponse:
    from samverkan.programmes import tasks

    tasks.enqueue(tasks.survey_reminders_send)
    messages.success(request, _("Reminders are being sent to those who have not answered."))
    return redirect("programmes:questionnaire-detail", pk=pk)


@public
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.survey_invitation_by_token(token=token)
    if invitation is None:
        return render(request, "programmes/survey_invalid.html", status=404)
    questions = list(invitation.questionnaire.questions.all())
    errors: dict[str, list[str]] = {}
    submitted: dict[int, dict] = {}
    if request.method == "POST" and invitation.responded_at is None:
        submitted = {
            question.pk: {
                "value": request.POST.get(f"q{question.pk}", ""),
                "currency": request.POST.get(f"q{question.pk}_currency", ""),
            }
            for question in questions
        }
        try:
            services.survey_answer_submit(invitation=invitation, data=submitted)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        else:
            return render(request, "programmes/survey_thanks.html", {"invitation": invitation})
    rows = [
        {
            "question": q,
            "errors": errors.get(str(q.pk), []),
            "value": submitted.get(q.pk, {}).get("value", ""),
            "currency": submitted.get(q.pk, {}).get("currency", ""),
        }
        for q in questions
    ]
    return render(
        request,
        "programmes/survey_answer.html",
        {
            "invitation": invitation,
            "rows": rows,
            "general_errors": errors.get("", []),
            "has_errors": bool(errors),
            "countries": country_choices(),
            "currencies": CURRENCIES,
        },
        status=422 if errors else 200,
    )


@permission_required("programmes.view_dashboard", fn=response_project)
def survey_response(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(
        SurveyResponse.objects.select_related(
            "invitation__organisation", "invitation__project", "invitation__questionnaire"
        ),
        pk=pk,
    )
    answers = [
        (answer, country_name(answer.text) if answer.question.kind == "country" else "")
        for answer in response.answers.select_related("question")
    ]
    return render(
        request, "programmes/survey_response.html", {"response": response, "answers": answers}
    )


__all__ = ["SurveyInvitation"]


@permission_required("programmes.manage_surveys", raise_exception=True)
def questionnaire_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    from samverkan.programmes.forms_manage import QuestionFormSet, QuestionnaireForm, row_changes
    from samverkan.programmes.views.manage import _formset_errors, _page

    programme = programme_by_slug(request, slug)
    questionnaire = (
        get_object_or_404(Questionnaire, pk=pk, programme=programme) if pk is not None else None
    )
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    questions = QuestionFormSet(
        request.POST or None,
        prefix="questions",
        queryset=questionnaire.questions.all() if questionnaire else Question.objects.none(),
    )
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        try:
            questionnaire = services.questionnaire_save(
                actor=request.user,
                programme=programme,
                questionnaire=questionnaire,
                fields=form.cleaned_data,
                questions=row_changes(questions),
            )
        except ValidationError as error:
            _formset_errors(questions, error)
            if pk is not None:
                questionnaire = get_object_or_404(Questionnaire, pk=pk)
        else:
            messages.success(request, _("The questionnaire was saved."))
            return redirect("programmes:questionnaire-detail", pk=questionnaire.pk)
    title = (
        _("Edit %(name)s") % {"name": questionnaire} if questionnaire else _("New questionnaire")
    )
    back = f"/programmes/{programme.slug}/surveys/"
    return _page(request, title, back, form, [(_("Questions"), questions)])
