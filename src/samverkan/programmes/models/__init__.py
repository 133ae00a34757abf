"""The programmes app's models, split by topic."""

from samverkan.programmes.models.activities import (
    Activity,
    ActivityKind,
    ActivityMeeting,
    ActivityParticipation,
    BusinessOutcome,
)
from samverkan.programmes.models.indicators import (
    Aggregation,
    IndicatorDefinition,
    IndicatorEntry,
    Source,
)
from samverkan.programmes.models.programmes import ExchangeRate, Fund, Priority, Programme
from samverkan.programmes.models.projects import (
    Contribution,
    Expenditure,
    Partner,
    PartnerRole,
    Project,
)
from samverkan.programmes.models.surveys import (
    Answer,
    AnswerKey,
    Question,
    QuestionKind,
    Questionnaire,
    SurveyInvitation,
    SurveyResponse,
)

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityMeeting",
    "ActivityParticipation",
    "Aggregation",
    "Answer",
    "AnswerKey",
    "BusinessOutcome",
    "Contribution",
    "ExchangeRate",
    "Expenditure",
    "Fund",
    "IndicatorDefinition",
    "IndicatorEntry",
    "Partner",
    "PartnerRole",
    "Priority",
    "Programme",
    "Project",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Source",
    "SurveyInvitation",
    "SurveyResponse",
]
