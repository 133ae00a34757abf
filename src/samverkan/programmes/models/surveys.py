"""Follow-up surveys: questionnaires, invitations with unique links, responses and answers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.common.models import TimeStampedModel
from samverkan.programmes.models.activities import Activity
from samverkan.programmes.models.programmes import Programme
from samverkan.programmes.models.projects import Project
from samverkan.programmes.money import CURRENCY_CHOICES


class Questionnaire(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="questionnaires"
    )
    name = models.CharField(_("name"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    send_after_days = models.PositiveIntegerField(
        _("send after (days)"),
        default=180,
        help_text=_("Days after the activity when the survey is due, e.g. 180 for six months."),
    )
    remind_after_days = models.PositiveIntegerField(_("remind after (days)"), default=7)
    max_reminders = models.PositiveSmallIntegerField(_("reminders at most"), default=2)

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    COUNTRY = "country", _("Country")
    MONEY = "money", _("Amount with currency")
    SCALE = "scale", _("Scale 1-5")


class AnswerKey(models.TextChoices):
    """What an answer means for the indicators (blank: free question, not counted)."""

    NONE = "", _("Not used for indicators")
    CONTRACT_SIGNED = "contract_signed", _("Contract signed?")
    CONTRACT_COUNTRY = "contract_country", _("Country of the contract")
    CONTRACT_VALUE = "contract_value", _("Value of the contract")
    OPPORTUNITY = "opportunity", _("New business opportunity?")
    OPPORTUNITY_COUNTRY = "opportunity_country", _("Country of the opportunity")
    JOBS_CREATED = "jobs_created", _("Jobs created")
    WOULD_CONTINUE = "would_continue", _("Would continue the cooperation?")
    SATISFACTION = "satisfaction", _("Satisfaction (1-5)")


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=QuestionKind.choices)
    key = models.CharField(
        _("feeds indicator"), max_length=32, choices=AnswerKey.choices, blank=True
    )
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["questionnaire", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class SurveyInvitation(TimeStampedModel):
    """One organisation contact asked to answer; the token is the unique, login-free link."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, default="en")
    # Kept in clear so reminders can repeat the same link; it grants only this one answer.
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "project", "activity", "email"],
                name="unique_survey_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} → {self.email}"


class SurveyResponse(models.Model):
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.CASCADE, related_name="response"
    )
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.invitation.organisation} {self.submitted_at:%Y-%m-%d}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    boolean = models.BooleanField(null=True)
    number = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, blank=True)

    class Meta:
        ordering = ["response", "question__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.text or self.boolean or self.number}"
