"""Call pages: the public list and page, and the operator's editor and form builder."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.calls import forms, selectors, services
from samverkan.calls.models import Call, CallStatus, Criterion, Question
from samverkan.common.permissions import permission_required

call_by_slug = objectgetter(Call, "slug", "slug")


def form_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (fields it knows, the rest on top)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@permission_required("calls.list_calls")
def call_list(request: HttpRequest) -> HttpResponse:
    calls = selectors.call_list(
        user=request.user,
        status=request.GET.get("status", ""),
        query=request.GET.get("q", "").strip(),
    )
    page = Paginator(calls, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "params": request.GET,
        "statuses": CallStatus.choices,
        "can_manage": request.user.has_perm("calls.manage_calls"),
    }
    return render(request, "calls/call_list.html", context)


def _get_visible(request: HttpRequest, slug: str) -> Call:
    call = get_object_or_404(
        Call.objects.select_related("organiser", "restricted_to_cohort").prefetch_related(
            "translations", "attachments"
        ),
        slug=slug,
    )
    if not request.user.has_perm("calls.view_call", call):
        raise Http404
    return call


@permission_required("calls.list_calls")
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_visible(request, slug)
    user = request.user
    context = {
        "call": call,
        "text": selectors.call_text(call=call),
        "is_open": call.is_open("concept" if call.is_two_stage else "full"),
        "can_manage": user.has_perm("calls.manage_calls"),
        "is_reviewer": user.has_perm("calls.declare_conflict", call),
        "own_applications": list(selectors.application_list_for_user(user=user).filter(call=call))
        if user.is_authenticated
        else [],
        "statistics": selectors.call_statistics(call=call)
        if user.has_perm("calls.manage_calls")
        else None,
    }
    return render(request, "calls/call_detail.html", context)


@permission_required("calls.manage_calls")
def call_create(request: HttpRequest) -> HttpResponse:
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The call was created. Now build its application form."))
            return redirect("calls:call-form", slug=call.slug)
    return render(request, "calls/call_edit.html", {"form": form, "call": None})


@permission_required("calls.manage_calls")
def call_edit(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    form = forms.CallForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect(call)
    return render(request, "calls/call_edit.html", {"form": form, "call": call})


@require_POST
@permission_required("calls.manage_calls")
def call_status(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    service = {"publish": services.call_publish, "close": services.call_close}.get(action)
    if service is None:
        raise Http404
    try:
        service(actor=request.user, call=call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The call is now %(status)s.") % {"status": call.get_status_display().lower()},
        )
    return redirect(call)


@permission_required("calls.manage_calls")
def call_form_builder(request: HttpRequest, slug: str) -> HttpResponse:
    """Questions, rubric and translations of a call on one page; each form posts separately."""
    call = get_object_or_404(Call, slug=slug)
    question_form = forms.QuestionForm(prefix="question")
    criterion_form = forms.CriterionForm(prefix="criterion")
    translation_form = forms.TranslationForm(prefix="translation")
    attachment_form = forms.AttachmentForm(prefix="attachment")
    if request.method == "POST" and request.POST.get("part") == "attachment":
        attachment_form = forms.AttachmentForm(request.POST, request.FILES, prefix="attachment")
        if attachment_form.is_valid():
            services.call_attachment_add(
                actor=request.user, call=call, **attachment_form.cleaned_data
            )
            messages.success(request, _("Saved."))
            return redirect("calls:call-form", slug=call.slug)
    elif request.method == "POST":
        part = request.POST.get("part")
        form, service = {
            "question": (
                forms.QuestionForm(request.POST, prefix="question"),
                services.question_create,
            ),
            "criterion": (
                forms.CriterionForm(request.POST, prefix="criterion"),
                services.criterion_create,
            ),
            "translation": (
                forms.TranslationForm(request.POST, prefix="translation"),
                services.call_translation_set,
            ),
        }.get(part, (None, None))
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                service(actor=request.user, call=call, **form.cleaned_data)
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("calls:call-form", slug=call.slug)
        if part == "question":
            question_form = form
        elif part == "criterion":
            criterion_form = form
        else:
            translation_form = form
    context = {
        "call": call,
        "questions": call.questions.all(),
        "criteria": call.criteria.all(),
        "translations": call.translations.all(),
        "question_form": question_form,
        "criterion_form": criterion_form,
        "translation_form": translation_form,
        "attachments": call.attachments.all(),
        "attachment_form": attachment_form,
    }
    return render(request, "calls/call_form_builder.html", context)


@require_POST
@permission_required("calls.manage_calls")
def question_change(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk, call__slug=slug)
    try:
        if action == "delete":
            services.question_delete(actor=request.user, question=question)
        elif action in ("up", "down"):
            services.question_move(actor=request.user, question=question, up=action == "up")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("calls:call-form", slug=slug)


@permission_required("calls.manage_calls")
def question_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Edit one question; the service refuses changes that would alter submitted answers."""
    question = get_object_or_404(Question.objects.select_related("call"), pk=pk, call__slug=slug)
    initial = {
        "stage": question.stage,
        "label": question.label,
        "help_text": question.help_text,
        "kind": question.kind,
        "required": question.required,
        "choices": "\n".join(question.choices),
        "max_length": question.max_length,
        "min_value": question.min_value,
        "max_value": question.max_value,
        "allowed_extensions": ", ".join(question.allowed_extensions),
        "max_file_size_mb": question.max_file_size_mb,
    }
    form = forms.QuestionForm(request.POST or None, initial=initial, prefix="question")
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question=question, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("calls:call-form", slug=slug)
    answered = question.call.applications.filter(answers__has_key=question.key).count()
    frozen = question.call.applications.exclude(status="draft").exists()
    context = {"call": question.call, "question": question, "form": form}
    context |= {"answered": answered, "frozen": frozen}
    return render(request, "calls/question_edit.html", context)


@require_POST
@permission_required("calls.manage_calls")
def criterion_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, pk=pk, call__slug=slug)
    try:
        services.criterion_delete(actor=request.user, criterion=criterion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("calls:call-form", slug=slug)
