"""
laycoach: run and evaluate confidential coaching (the compiled core; import laycoach instead)
"""
from __future__ import annotations
import collections.abc
import datetime
from laycoach import BusyError
from laycoach import ConflictError
from laycoach import Error
from laycoach import ForbiddenError
from laycoach import InternalError
from laycoach import IoError
from laycoach import NotFoundError
from laycoach import ParseError
from laycoach import ValidationError
import numpy
import numpy.typing
import typing
from . import stats
from . import booking
from . import demo
from . import simulation
__all__: list[str] = ['AccessLogCheck', 'ActivitySummary', 'Attendee', 'AttendeeStatus', 'Audience', 'Breach', 'BusyError', 'CarePlan', 'CarePlanShare', 'Catalogue', 'Client', 'ClientKind', 'Coach', 'ConflictError', 'Error', 'Event', 'EventKind', 'ForbiddenError', 'Format', 'Goal', 'GoalAttainment', 'InternalError', 'IoError', 'Modality', 'NotFoundError', 'Offer', 'OnwardDestination', 'OnwardOutcome', 'OnwardReferral', 'OrgKind', 'Organisation', 'OverdueSupervision', 'ParseError', 'PractitionerStatus', 'ProfessionalBody', 'Programme', 'Referral', 'ReferralSource', 'Response', 'RiskFlag', 'SafeguardingCategory', 'SafeguardingConcern', 'ScaleScore', 'Score', 'ServiceKind', 'ServiceLine', 'Session', 'SessionNote', 'SessionStatus', 'SkillShareSession', 'SuperviseeCaseload', 'SupervisionKind', 'SupervisionPolicy', 'SupervisionRecord', 'SuppressionPolicy', 'TimePoint', 'TrainedPerson', 'Trainee', 'TrainingCohort', 'UsageInvitation', 'UsageWave', 'ValidationError', 'Viewer', 'WaitStatus', 'WaitingListEntry', 'analyst_tables', 'bank_holidays', 'booking', 'default_catalogue', 'demo', 'evaluate_columns', 'evaluate_json', 'evaluation_report_csv', 'from_uk_local', 'instrument', 'instruments', 'is_bank_holiday', 'load_instrument', 'nhs_number_canonical', 'nhs_number_display', 'nhs_number_valid', 'pam_level', 'read_store_table', 'score', 'score_many', 'score_recorded', 'simulation', 'sqlite_schema_version', 'stats', 'store_schema_markdown', 'table_column_kinds', 'table_columns_info', 'tables', 'to_uk_local']
class Format:
    """
    How many people a session serves.
    
    Members:
    
      ONE_TO_ONE
    
      GROUP
    
      TEAM
    """
    GROUP: typing.ClassVar[Format]
    ONE_TO_ONE: typing.ClassVar[Format]
    TEAM: typing.ClassVar[Format]
    __members__: typing.ClassVar[dict[str, Format]]
    @typing.overload
    def __eq__(self, other: Format) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Format) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Modality:
    """
    How a session is delivered.
    
    Members:
    
      VIDEO
    
      TELEPHONE
    
      FACE_TO_FACE
    """
    FACE_TO_FACE: typing.ClassVar[Modality]
    TELEPHONE: typing.ClassVar[Modality]
    VIDEO: typing.ClassVar[Modality]
    __members__: typing.ClassVar[dict[str, Modality]]
    @typing.overload
    def __eq__(self, other: Modality) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Modality) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class ServiceKind:
    """
    Workforce coaching or a commissioned patient service.
    
    Members:
    
      WORKFORCE
    
      PATIENT_TARGETED
    
      PATIENT_CLINICAL
    
      PATIENT_NON_CLINICAL
    """
    PATIENT_CLINICAL: typing.ClassVar[ServiceKind]
    PATIENT_NON_CLINICAL: typing.ClassVar[ServiceKind]
    PATIENT_TARGETED: typing.ClassVar[ServiceKind]
    WORKFORCE: typing.ClassVar[ServiceKind]
    __members__: typing.ClassVar[dict[str, ServiceKind]]
    @typing.overload
    def __eq__(self, other: ServiceKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: ServiceKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class ClientKind:
    """
    Staff or patient.
    
    Members:
    
      STAFF
    
      PATIENT
    """
    PATIENT: typing.ClassVar[ClientKind]
    STAFF: typing.ClassVar[ClientKind]
    __members__: typing.ClassVar[dict[str, ClientKind]]
    @typing.overload
    def __eq__(self, other: ClientKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: ClientKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class OrgKind:
    """
    What an organisation is.
    
    Members:
    
      GP_PRACTICE
    
      PCN
    
      TRUST
    
      SOCIAL_CARE
    
      VOLUNTARY_SECTOR
    
      OTHER
    """
    GP_PRACTICE: typing.ClassVar[OrgKind]
    OTHER: typing.ClassVar[OrgKind]
    PCN: typing.ClassVar[OrgKind]
    SOCIAL_CARE: typing.ClassVar[OrgKind]
    TRUST: typing.ClassVar[OrgKind]
    VOLUNTARY_SECTOR: typing.ClassVar[OrgKind]
    __members__: typing.ClassVar[dict[str, OrgKind]]
    @typing.overload
    def __eq__(self, other: OrgKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: OrgKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class ProfessionalBody:
    """
    Coaching professional bodies.
    
    Members:
    
      ICF
    
      EMCC
    
      ASSOCIATION_FOR_COACHING
    
      UKHCA
    """
    ASSOCIATION_FOR_COACHING: typing.ClassVar[ProfessionalBody]
    EMCC: typing.ClassVar[ProfessionalBody]
    ICF: typing.ClassVar[ProfessionalBody]
    UKHCA: typing.ClassVar[ProfessionalBody]
    __members__: typing.ClassVar[dict[str, ProfessionalBody]]
    @typing.overload
    def __eq__(self, other: ProfessionalBody) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: ProfessionalBody) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class ReferralSource:
    """
    Where a referral came from.
    
    Members:
    
      SELF
    
      GP
    
      SOCIAL_PRESCRIBING_LINK_WORKER
    
      OTHER
    """
    GP: typing.ClassVar[ReferralSource]
    OTHER: typing.ClassVar[ReferralSource]
    SELF: typing.ClassVar[ReferralSource]
    SOCIAL_PRESCRIBING_LINK_WORKER: typing.ClassVar[ReferralSource]
    __members__: typing.ClassVar[dict[str, ReferralSource]]
    @typing.overload
    def __eq__(self, other: ReferralSource) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: ReferralSource) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class SessionStatus:
    """
    Lifecycle of a session.
    
    Members:
    
      BOOKED
    
      ATTENDED
    
      CLIENT_DID_NOT_ATTEND
    
      COACH_DID_NOT_ATTEND
    
      CANCELLED_BY_CLIENT
    
      CANCELLED_BY_COACH
    
      RESCHEDULED
    """
    ATTENDED: typing.ClassVar[SessionStatus]
    BOOKED: typing.ClassVar[SessionStatus]
    CANCELLED_BY_CLIENT: typing.ClassVar[SessionStatus]
    CANCELLED_BY_COACH: typing.ClassVar[SessionStatus]
    CLIENT_DID_NOT_ATTEND: typing.ClassVar[SessionStatus]
    COACH_DID_NOT_ATTEND: typing.ClassVar[SessionStatus]
    RESCHEDULED: typing.ClassVar[SessionStatus]
    __members__: typing.ClassVar[dict[str, SessionStatus]]
    @typing.overload
    def __eq__(self, other: SessionStatus) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: SessionStatus) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class AttendeeStatus:
    """
    One client's place in a session.
    
    Members:
    
      BOOKED
    
      ATTENDED
    
      DID_NOT_ATTEND
    
      CANCELLED
    """
    ATTENDED: typing.ClassVar[AttendeeStatus]
    BOOKED: typing.ClassVar[AttendeeStatus]
    CANCELLED: typing.ClassVar[AttendeeStatus]
    DID_NOT_ATTEND: typing.ClassVar[AttendeeStatus]
    __members__: typing.ClassVar[dict[str, AttendeeStatus]]
    @typing.overload
    def __eq__(self, other: AttendeeStatus) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: AttendeeStatus) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class WaitStatus:
    """
    A place on a waiting list.
    
    Members:
    
      WAITING
    
      OFFERED
    
      JOINED
    
      WITHDRAWN
    """
    JOINED: typing.ClassVar[WaitStatus]
    OFFERED: typing.ClassVar[WaitStatus]
    WAITING: typing.ClassVar[WaitStatus]
    WITHDRAWN: typing.ClassVar[WaitStatus]
    __members__: typing.ClassVar[dict[str, WaitStatus]]
    @typing.overload
    def __eq__(self, other: WaitStatus) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: WaitStatus) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class GoalAttainment:
    """
    How far a goal was attained.
    
    Members:
    
      NOT_STARTED
    
      PARTLY
    
      ACHIEVED
    """
    ACHIEVED: typing.ClassVar[GoalAttainment]
    NOT_STARTED: typing.ClassVar[GoalAttainment]
    PARTLY: typing.ClassVar[GoalAttainment]
    __members__: typing.ClassVar[dict[str, GoalAttainment]]
    @typing.overload
    def __eq__(self, other: GoalAttainment) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: GoalAttainment) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class SupervisionKind:
    """
    The three distinct kinds of support.
    
    Members:
    
      HEALTH_COACHING
    
      CLINICAL
    
      LINE_MANAGEMENT
    """
    CLINICAL: typing.ClassVar[SupervisionKind]
    HEALTH_COACHING: typing.ClassVar[SupervisionKind]
    LINE_MANAGEMENT: typing.ClassVar[SupervisionKind]
    __members__: typing.ClassVar[dict[str, SupervisionKind]]
    @typing.overload
    def __eq__(self, other: SupervisionKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: SupervisionKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class SafeguardingCategory:
    """
    Category of a safeguarding concern.
    
    Members:
    
      ABUSE
    
      DOMESTIC_VIOLENCE
    
      MENTAL_HEALTH
    
      SELF_HARM
    
      OTHER
    """
    ABUSE: typing.ClassVar[SafeguardingCategory]
    DOMESTIC_VIOLENCE: typing.ClassVar[SafeguardingCategory]
    MENTAL_HEALTH: typing.ClassVar[SafeguardingCategory]
    OTHER: typing.ClassVar[SafeguardingCategory]
    SELF_HARM: typing.ClassVar[SafeguardingCategory]
    __members__: typing.ClassVar[dict[str, SafeguardingCategory]]
    @typing.overload
    def __eq__(self, other: SafeguardingCategory) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: SafeguardingCategory) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class EventKind:
    """
    What an outbox event tells the host (docs/events.md).
    
    Members:
    
      SESSION_BOOKED
    
      SESSION_JOINED
    
      SESSION_CANCELLED
    
      SESSION_RESCHEDULED
    
      WAITING_LIST_OFFERED
    
      RISK_FLAG_RAISED
    """
    RISK_FLAG_RAISED: typing.ClassVar[EventKind]
    SESSION_BOOKED: typing.ClassVar[EventKind]
    SESSION_CANCELLED: typing.ClassVar[EventKind]
    SESSION_JOINED: typing.ClassVar[EventKind]
    SESSION_RESCHEDULED: typing.ClassVar[EventKind]
    WAITING_LIST_OFFERED: typing.ClassVar[EventKind]
    __members__: typing.ClassVar[dict[str, EventKind]]
    @typing.overload
    def __eq__(self, other: EventKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: EventKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class TimePoint:
    """
    When in the episode a questionnaire was answered.
    
    Members:
    
      BASELINE
    
      POST_SESSION
    
      END_OF_EPISODE
    
      FOLLOW_UP
    """
    BASELINE: typing.ClassVar[TimePoint]
    END_OF_EPISODE: typing.ClassVar[TimePoint]
    FOLLOW_UP: typing.ClassVar[TimePoint]
    POST_SESSION: typing.ClassVar[TimePoint]
    __members__: typing.ClassVar[dict[str, TimePoint]]
    @typing.overload
    def __eq__(self, other: TimePoint) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: TimePoint) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Audience:
    """
    Who a call is made for; employer, commissioner, public see aggregates only; a supervisor caseload metadata of their supervisees only.
    
    Members:
    
      COACH
    
      CLIENT
    
      SERVICE_MANAGER
    
      EMPLOYER
    
      COMMISSIONER
    
      PUBLIC
    
      SUPERVISOR
    
      PRACTITIONER
    """
    CLIENT: typing.ClassVar[Audience]
    COACH: typing.ClassVar[Audience]
    COMMISSIONER: typing.ClassVar[Audience]
    EMPLOYER: typing.ClassVar[Audience]
    PRACTITIONER: typing.ClassVar[Audience]
    PUBLIC: typing.ClassVar[Audience]
    SERVICE_MANAGER: typing.ClassVar[Audience]
    SUPERVISOR: typing.ClassVar[Audience]
    __members__: typing.ClassVar[dict[str, Audience]]
    @typing.overload
    def __eq__(self, other: Audience) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Audience) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class OnwardDestination:
    """
    Where a client was referred on to after coaching.
    
    Members:
    
      WEIGHT_MANAGEMENT
    
      SMOKING_CESSATION
    
      PHYSICAL_ACTIVITY
    
      TALKING_THERAPIES
    
      SOCIAL_PRESCRIBING
    
      OTHER
    """
    OTHER: typing.ClassVar[OnwardDestination]
    PHYSICAL_ACTIVITY: typing.ClassVar[OnwardDestination]
    SMOKING_CESSATION: typing.ClassVar[OnwardDestination]
    SOCIAL_PRESCRIBING: typing.ClassVar[OnwardDestination]
    TALKING_THERAPIES: typing.ClassVar[OnwardDestination]
    WEIGHT_MANAGEMENT: typing.ClassVar[OnwardDestination]
    __members__: typing.ClassVar[dict[str, OnwardDestination]]
    @typing.overload
    def __eq__(self, other: OnwardDestination) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: OnwardDestination) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class OnwardOutcome:
    """
    What became of an onward referral, as far as the service knows.
    
    Members:
    
      UNKNOWN
    
      ACCEPTED
    
      DECLINED
    
      ATTENDED
    
      COMPLETED
    
      DID_NOT_ATTEND
    """
    ACCEPTED: typing.ClassVar[OnwardOutcome]
    ATTENDED: typing.ClassVar[OnwardOutcome]
    COMPLETED: typing.ClassVar[OnwardOutcome]
    DECLINED: typing.ClassVar[OnwardOutcome]
    DID_NOT_ATTEND: typing.ClassVar[OnwardOutcome]
    UNKNOWN: typing.ClassVar[OnwardOutcome]
    __members__: typing.ClassVar[dict[str, OnwardOutcome]]
    @typing.overload
    def __eq__(self, other: OnwardOutcome) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, name: str) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: OnwardOutcome) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The stable name used in documents.
        """
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Viewer:
    """
    The identity behind a call: audience and id (coach id, client id, employer ODS code).
    """
    @typing.overload
    def __init__(self, document: dict) -> None:
        ...
    @typing.overload
    def __init__(self, audience: Audience, id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The viewer document as a dict: {"audience": name, "id": id}.
        """
    @property
    def audience(self) -> Audience:
        """
        Who is asking (Audience).
        """
    @audience.setter
    def audience(self, arg0: Audience) -> None:
        ...
    @property
    def id(self) -> str:
        """
        The id behind the audience (str): coach id, client id, employer ODS code, supervisor name, practitioner id, or empty. Setting it raises ValidationError length_limit over 64 bytes.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
class SuppressionPolicy:
    """
    How figures released to employers, commissioners and the public are protected (docs/disclosure.md): counts below min_count suppressed, others perturbed by the cell key method (cell_key, max_perturbation) and rounded to round_to; means and SDs carry bounded noise (magnitude_noise); exact_statistics is the release before cell keys, for comparison only (refused to aggregate audiences).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def minimum_floor() -> SuppressionPolicy:
        """
        The weakest floor a service may set: the NHS rule (1-7 suppressed, round to 5) without cell keys.
        """
    def __eq__(self, arg0: SuppressionPolicy) -> bool:
        ...
    @typing.overload
    def __init__(self, document: dict) -> None:
        ...
    @typing.overload
    def __init__(self, min_count: int = 8, round_to: int = 5, cell_key: bool = True, max_perturbation: int = 2,
                 magnitude_noise: float = 0.25, exact_statistics: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> dict:
        """
        The policy document as a dict (docs/documents.md).
        """
    @property
    def cell_key(self) -> bool:
        """
        Perturb counts by the cell key method (bool).
        """
    @cell_key.setter
    def cell_key(self, arg0: bool) -> None:
        ...
    @property
    def exact_statistics(self) -> bool:
        """
        The release before cell keys (exact means, SDs, tests): for comparison only, refused to aggregate audiences (bool).
        """
    @exact_statistics.setter
    def exact_statistics(self, arg0: bool) -> None:
        ...
    @property
    def magnitude_noise(self) -> float:
        """
        Bound of the keyed noise on means and SDs, as a share of score range / n (float, 0..1).
        """
    @magnitude_noise.setter
    def magnitude_noise(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def max_perturbation(self) -> int:
        """
        Most people a cell key moves a count by (int, 0..20).
        """
    @max_perturbation.setter
    def max_perturbation(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_count(self) -> int:
        """
        Counts of 1 to min_count-1 people are suppressed (int, >= 1; the NHS rule is 8).
        """
    @min_count.setter
    def min_count(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def round_to(self) -> int:
        """
        Shown counts are rounded to a multiple of this (int, >= 1).
        """
    @round_to.setter
    def round_to(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class ServiceLine:
    """
    A service line, e.g. Looking After You Too.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> ServiceLine:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> ServiceLine:
        ...
    def __deepcopy__(self, memo: dict) -> ServiceLine:
        ...
    def __eq__(self, arg0: ServiceLine) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def id(self) -> str:
        """
        unique id, e.g. "lay_too" (str; the "id" member of the ServiceLine document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> ServiceKind:
        """
        workforce (staff) coaching, or patient coaching: targeted, clinical or non-clinical (enum (or its name as str); the "kind" member of the ServiceLine document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/kind" and leaves the record unchanged.
        """
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        """
        display name (str; the "name" member of the ServiceLine document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/name" and leaves the record unchanged.
        """
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
class Offer:
    """
    Something a client can book: format, length (minutes), capacity, modalities, hours, eligibility.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Offer:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Offer:
        ...
    def __deepcopy__(self, memo: dict) -> Offer:
        ...
    def __eq__(self, arg0: Offer) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def accreditation(self) -> typing.Any:
        """
        What a coach needs to deliver the offer (dict as in the document).
        """
    @property
    def agreed_sessions(self) -> int | None:
        """
        sessions per person agreed by the commissioner (patients) (int or None; the "agreed_sessions" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/agreed_sessions" and leaves the record unchanged.
        """
    @agreed_sessions.setter
    def agreed_sessions(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def capacity(self) -> int:
        """
        most attendees per session (1 for 1:1) (int; the "capacity" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/capacity" and leaves the record unchanged.
        """
    @capacity.setter
    def capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def eligibility(self) -> typing.Any:
        """
        Who may be referred (dict as in the document: client kinds, pathway ...).
        """
    @property
    def ethnically_diverse_pathway(self) -> bool:
        """
        only coaches on the pathway may deliver it (bool; the "ethnically_diverse_pathway" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ethnically_diverse_pathway" and leaves the record unchanged.
        """
    @ethnically_diverse_pathway.setter
    def ethnically_diverse_pathway(self, arg1: typing.Any) -> None:
        ...
    @property
    def format(self) -> Format:
        """
        enum (or its name as str): the "format" member of the Offer document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/format" and leaves the record unchanged.
        """
    @format.setter
    def format(self, arg1: typing.Any) -> None:
        ...
    @property
    def hours(self) -> typing.Any:
        """
        Opening hours as in the document (dict: days, each open_min/close_min, minutes after UK local midnight).
        """
    @property
    def id(self) -> str:
        """
        unique id, e.g. "lay_too_1to1" (str; the "id" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def min_notice_minutes(self) -> int:
        """
        earliest booking relative to now, minutes (0: none) (int; the "min_notice_minutes" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/min_notice_minutes" and leaves the record unchanged.
        """
    @min_notice_minutes.setter
    def min_notice_minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def modalities(self) -> list[Modality]:
        """
        allowed modalities (list; the "modalities" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/modalities" and leaves the record unchanged.
        """
    @modalities.setter
    def modalities(self, arg0: collections.abc.Sequence[Modality]) -> None:
        ...
    @property
    def name(self) -> str:
        """
        display name (str; the "name" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/name" and leaves the record unchanged.
        """
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def service_line_id(self) -> str:
        """
        the ServiceLine it belongs to (str; the "service_line_id" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/service_line_id" and leaves the record unchanged.
        """
    @service_line_id.setter
    def service_line_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def session_minutes(self) -> int:
        """
        length of one session, minutes (> 0) (int; the "session_minutes" member of the Offer document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/session_minutes" and leaves the record unchanged.
        """
    @session_minutes.setter
    def session_minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Catalogue:
    """
    Service lines and offers of a service.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Catalogue:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Catalogue:
        ...
    def __deepcopy__(self, memo: dict) -> Catalogue:
        ...
    def __eq__(self, arg0: Catalogue) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def offers(self) -> list[Offer]:
        """
        every offer (list; the "offers" member of the Catalogue document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/offers" and leaves the record unchanged.
        """
    @offers.setter
    def offers(self, arg0: collections.abc.Sequence[Offer]) -> None:
        ...
    @property
    def service_lines(self) -> list[ServiceLine]:
        """
        every service line (list; the "service_lines" member of the Catalogue document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/service_lines" and leaves the record unchanged.
        """
    @service_lines.setter
    def service_lines(self, arg0: collections.abc.Sequence[ServiceLine]) -> None:
        ...
class Organisation:
    """
    An organisation by ODS code.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Organisation:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Organisation:
        ...
    def __deepcopy__(self, memo: dict) -> Organisation:
        ...
    def __eq__(self, arg0: Organisation) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def kind(self) -> OrgKind:
        """
        GP practice, PCN, trust, social care, voluntary sector or other (enum (or its name as str); the "kind" member of the Organisation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/kind" and leaves the record unchanged.
        """
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        """
        display name (str; the "name" member of the Organisation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/name" and leaves the record unchanged.
        """
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def ods_code(self) -> str:
        """
        unique ODS code, e.g. "A81001" (upper-case letters and digits, 3-10 chars) (str; the "ods_code" member of the Organisation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ods_code" and leaves the record unchanged.
        """
    @ods_code.setter
    def ods_code(self, arg1: typing.Any) -> None:
        ...
    @property
    def parent_ods(self) -> str:
        """
        e.g. the PCN of a GP practice; empty if none (str; the "parent_ods" member of the Organisation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/parent_ods" and leaves the record unchanged.
        """
    @parent_ods.setter
    def parent_ods(self, arg1: typing.Any) -> None:
        ...
class Coach:
    """
    A coach: training, memberships, offers, modalities, rota (see to_dict for nested parts).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Coach:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Coach:
        ...
    def __deepcopy__(self, memo: dict) -> Coach:
        ...
    def __eq__(self, arg0: Coach) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def active(self) -> bool:
        """
        false: no new bookings (bool; the "active" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/active" and leaves the record unchanged.
        """
    @active.setter
    def active(self, arg1: typing.Any) -> None:
        ...
    @property
    def band(self) -> str:
        """
        NHS Agenda for Change pay band (afc_bands()), empty = none; costs coach time (value.hpp) (str; the "band" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/band" and leaves the record unchanged.
        """
    @band.setter
    def band(self, arg1: typing.Any) -> None:
        ...
    @property
    def clinical_background(self) -> str:
        """
        e.g. "nurse", "GP", "AHP"; empty if none (str; the "clinical_background" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/clinical_background" and leaves the record unchanged.
        """
    @clinical_background.setter
    def clinical_background(self, arg1: typing.Any) -> None:
        ...
    @property
    def ethnically_diverse(self) -> bool:
        """
        self-identifies as from an ethnically diverse background (bool; the "ethnically_diverse" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ethnically_diverse" and leaves the record unchanged.
        """
    @ethnically_diverse.setter
    def ethnically_diverse(self, arg1: typing.Any) -> None:
        ...
    @property
    def ethnically_diverse_pathway(self) -> bool:
        """
        delivers the ethnically diverse pathway (requires the above) (bool; the "ethnically_diverse_pathway" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ethnically_diverse_pathway" and leaves the record unchanged.
        """
    @ethnically_diverse_pathway.setter
    def ethnically_diverse_pathway(self, arg1: typing.Any) -> None:
        ...
    @property
    def first_point_of_contact(self) -> str:
        """
        named first point of contact (str; the "first_point_of_contact" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/first_point_of_contact" and leaves the record unchanged.
        """
    @first_point_of_contact.setter
    def first_point_of_contact(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def memberships(self) -> list[ProfessionalBody]:
        """
        professional body memberships (list; the "memberships" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/memberships" and leaves the record unchanged.
        """
    @memberships.setter
    def memberships(self, arg0: collections.abc.Sequence[ProfessionalBody]) -> None:
        ...
    @property
    def modalities(self) -> list[Modality]:
        """
        modalities offered (list; the "modalities" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/modalities" and leaves the record unchanged.
        """
    @modalities.setter
    def modalities(self, arg0: collections.abc.Sequence[Modality]) -> None:
        ...
    @property
    def name(self) -> str:
        """
        display name (str; the "name" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/name" and leaves the record unchanged.
        """
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def offers(self) -> list[str]:
        """
        ids of the offers the coach delivers (list; the "offers" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/offers" and leaves the record unchanged.
        """
    @offers.setter
    def offers(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def rota(self) -> typing.Any:
        """
        The coach's rota as in the document (dict: weekly blocks in minutes after UK local midnight, exceptions, leave, caps).
        """
    @property
    def safeguarding_lead(self) -> str:
        """
        named GP or lead for safeguarding concerns (str; the "safeguarding_lead" member of the Coach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/safeguarding_lead" and leaves the record unchanged.
        """
    @safeguarding_lead.setter
    def safeguarding_lead(self, arg1: typing.Any) -> None:
        ...
    @property
    def training(self) -> typing.Any:
        """
        The coach's training records as in the document (list of dicts: course, days, practice hours).
        """
class Client:
    """
    A client: staff (pseudonymous) or patient (NHS number).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Client:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Client:
        ...
    def __deepcopy__(self, memo: dict) -> Client:
        ...
    def __eq__(self, arg0: Client) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def consent(self) -> typing.Any:
        """
        What the client consented to (dict of bool: coaching, evaluation, gp_record ...).
        """
    @property
    def ethnically_diverse(self) -> bool:
        """
        self-identifies as from an ethnically diverse background (bool; the "ethnically_diverse" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ethnically_diverse" and leaves the record unchanged.
        """
    @ethnically_diverse.setter
    def ethnically_diverse(self, arg1: typing.Any) -> None:
        ...
    @property
    def ethnicity(self) -> str:
        """
        optional self-described ethnicity (free text) (str; the "ethnicity" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ethnicity" and leaves the record unchanged.
        """
    @ethnicity.setter
    def ethnicity(self, arg1: typing.Any) -> None:
        ...
    @property
    def ethnicity_group(self) -> str:
        """
        optional grouping for breakdowns (e.g. ONS "asian", "black", "white", ...) (str; the "ethnicity_group" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/ethnicity_group" and leaves the record unchanged.
        """
    @ethnicity_group.setter
    def ethnicity_group(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique pseudonymous id (str; the "id" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> ClientKind:
        """
        enum (or its name as str): the "kind" member of the Client document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/kind" and leaves the record unchanged.
        """
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def leader(self) -> bool:
        """
        leads or manages a team (eligibility for LAY Team leader 1:1) (bool; the "leader" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/leader" and leaves the record unchanged.
        """
    @leader.setter
    def leader(self, arg1: typing.Any) -> None:
        ...
    @property
    def nhs_number(self) -> str:
        """
        10 digits, Modulus 11 valid, unique; patients only (kept canonical: nhs_number_canonical) (str; the "nhs_number" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/nhs_number" and leaves the record unchanged.
        """
    @nhs_number.setter
    def nhs_number(self, arg1: typing.Any) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        ODS code of the employer or GP practice; empty if unknown (str; the "organisation" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
    @property
    def pam_level(self) -> int | None:
        """
        Patient Activation Measure level 1..4, recorded by a licensed tool (int or None; the "pam_level" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/pam_level" and leaves the record unchanged.
        """
    @pam_level.setter
    def pam_level(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def pam_score(self) -> float | None:
        """
        PAM score 0..100, recorded by a licensed tool (float or None; the "pam_score" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/pam_score" and leaves the record unchanged.
        """
    @pam_score.setter
    def pam_score(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def referral_source(self) -> ReferralSource:
        """
        enum (or its name as str): the "referral_source" member of the Client document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_source" and leaves the record unchanged.
        """
    @referral_source.setter
    def referral_source(self, arg1: typing.Any) -> None:
        ...
    @property
    def sector(self) -> str:
        """
        e.g. "primary_care", "acute", "mental_health", "social_care" (str; the "sector" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/sector" and leaves the record unchanged.
        """
    @sector.setter
    def sector(self, arg1: typing.Any) -> None:
        ...
    @property
    def staff_group(self) -> str:
        """
        e.g. "nursing", "medical", "admin"; staff only (str; the "staff_group" member of the Client document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/staff_group" and leaves the record unchanged.
        """
    @staff_group.setter
    def staff_group(self, arg1: typing.Any) -> None:
        ...
class Referral:
    """
    A request for coaching: opens a client-led episode.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Referral:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Referral:
        ...
    def __deepcopy__(self, memo: dict) -> Referral:
        ...
    def __eq__(self, arg0: Referral) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def adjustments(self) -> str:
        """
        reasonable adjustments requested (free text) (str; the "adjustments" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/adjustments" and leaves the record unchanged.
        """
    @adjustments.setter
    def adjustments(self, arg1: typing.Any) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        the client (str; the "client_id" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def closed(self) -> bool:
        """
        episode ended (bool; the "closed" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/closed" and leaves the record unchanged.
        """
    @closed.setter
    def closed(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def offer_id(self) -> str:
        """
        the offer asked for (str; the "offer_id" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/offer_id" and leaves the record unchanged.
        """
    @offer_id.setter
    def offer_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def preferred_modality(self) -> Modality | None:
        """
        client's preference, if any (enum (or its name as str) or None; the "preferred_modality" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/preferred_modality" and leaves the record unchanged.
        """
    @preferred_modality.setter
    def preferred_modality(self, arg1: typing.Any) -> None:
        ...
    @property
    def requested_at(self) -> datetime.datetime:
        """
        when the client asked (UTC) (aware datetime (UTC); the "requested_at" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/requested_at" and leaves the record unchanged.
        """
    @requested_at.setter
    def requested_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def sessions_wanted(self) -> int | None:
        """
        client-led dose: how many sessions the client chose (or agreed) (int or None; the "sessions_wanted" member of the Referral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/sessions_wanted" and leaves the record unchanged.
        """
    @sessions_wanted.setter
    def sessions_wanted(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def source(self) -> ReferralSource:
        """
        enum (or its name as str): the "source" member of the Referral document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/source" and leaves the record unchanged.
        """
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
class Attendee:
    """
    A client's place in a session.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Attendee:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Attendee:
        ...
    def __deepcopy__(self, memo: dict) -> Attendee:
        ...
    def __eq__(self, arg0: Attendee) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def client_id(self) -> str:
        """
        the client taking the place (str; the "client_id" member of the Attendee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        may be empty for team sessions booked by a leader (str; the "referral_id" member of the Attendee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> AttendeeStatus:
        """
        this attendee's own outcome (group and team sessions) (enum (or its name as str); the "status" member of the Attendee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/status" and leaves the record unchanged.
        """
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
class Session:
    """
    A 1:1, group or team session; start is an aware datetime (UTC), minutes its length.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Session:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Session:
        ...
    def __deepcopy__(self, memo: dict) -> Session:
        ...
    def __eq__(self, arg0: Session) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def adjustments(self) -> str:
        """
        reasonable adjustments for this session (str; the "adjustments" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/adjustments" and leaves the record unchanged.
        """
    @adjustments.setter
    def adjustments(self, arg1: typing.Any) -> None:
        ...
    @property
    def attendees(self) -> list[Attendee]:
        """
        clients (1 for 1:1; up to the offer's capacity) (list; the "attendees" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/attendees" and leaves the record unchanged.
        """
    @attendees.setter
    def attendees(self, arg0: collections.abc.Sequence[Attendee]) -> None:
        ...
    @property
    def booked_at(self) -> datetime.datetime:
        """
        when it was booked (UTC) (aware datetime (UTC); the "booked_at" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/booked_at" and leaves the record unchanged.
        """
    @booked_at.setter
    def booked_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def coach_id(self) -> str:
        """
        who delivers it (str; the "coach_id" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/coach_id" and leaves the record unchanged.
        """
    @coach_id.setter
    def coach_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def end(self) -> datetime.datetime:
        """
        start + minutes
        """
    @property
    def first_offered(self) -> datetime.datetime:
        """
        start of the earliest slot offered for the request (UTC) (aware datetime (UTC); the "first_offered" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/first_offered" and leaves the record unchanged.
        """
    @first_offered.setter
    def first_offered(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def minutes(self) -> int:
        """
        length, minutes; 0 = the offer's session length (filled in by book) (int; the "minutes" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/minutes" and leaves the record unchanged.
        """
    @minutes.setter
    def minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def modality(self) -> Modality:
        """
        enum (or its name as str): the "modality" member of the Session document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/modality" and leaves the record unchanged.
        """
    @modality.setter
    def modality(self, arg1: typing.Any) -> None:
        ...
    @property
    def offer_id(self) -> str:
        """
        what is delivered (str; the "offer_id" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/offer_id" and leaves the record unchanged.
        """
    @offer_id.setter
    def offer_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def requested_at(self) -> datetime.datetime:
        """
        when the client asked for this session (UTC); access figures (aware datetime (UTC); the "requested_at" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/requested_at" and leaves the record unchanged.
        """
    @requested_at.setter
    def requested_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def rescheduled_to(self) -> str:
        """
        id of the replacement session when status is Rescheduled (str; the "rescheduled_to" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/rescheduled_to" and leaves the record unchanged.
        """
    @rescheduled_to.setter
    def rescheduled_to(self, arg1: typing.Any) -> None:
        ...
    @property
    def series_id(self) -> str:
        """
        the series it belongs to (booking::book_series); "" = none (str; the "series_id" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/series_id" and leaves the record unchanged.
        """
    @series_id.setter
    def series_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def series_index(self) -> int:
        """
        its occurrence in the series, 0-based (0 when not in a series) (int; the "series_index" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/series_index" and leaves the record unchanged.
        """
    @series_index.setter
    def series_index(self, arg1: typing.Any) -> None:
        ...
    @property
    def start(self) -> datetime.datetime:
        """
        start (UTC) (aware datetime (UTC); the "start" member of the Session document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/start" and leaves the record unchanged.
        """
    @start.setter
    def start(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> SessionStatus:
        """
        enum (or its name as str): the "status" member of the Session document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/status" and leaves the record unchanged.
        """
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
class WaitingListEntry:
    """
    A client waiting for a place on a full group session.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> WaitingListEntry:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> WaitingListEntry:
        ...
    def __deepcopy__(self, memo: dict) -> WaitingListEntry:
        ...
    def __eq__(self, arg0: WaitingListEntry) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def added_at(self) -> datetime.datetime:
        """
        joined the list (UTC); the order of service (aware datetime (UTC); the "added_at" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/added_at" and leaves the record unchanged.
        """
    @added_at.setter
    def added_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        who is waiting (str; the "client_id" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def offered_at(self) -> datetime.datetime:
        """
        when a freed place was offered (UTC) (aware datetime (UTC); the "offered_at" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/offered_at" and leaves the record unchanged.
        """
    @offered_at.setter
    def offered_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        may be empty (str; the "referral_id" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def session_id(self) -> str:
        """
        the full group or team session waited for (str; the "session_id" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/session_id" and leaves the record unchanged.
        """
    @session_id.setter
    def session_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> WaitStatus:
        """
        waiting, offered, joined or withdrawn (enum (or its name as str); the "status" member of the WaitingListEntry document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/status" and leaves the record unchanged.
        """
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
class SessionNote:
    """
    A confidential note: the session's coach and client only.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> SessionNote:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> SessionNote:
        ...
    def __deepcopy__(self, memo: dict) -> SessionNote:
        ...
    def __eq__(self, arg0: SessionNote) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def author_id(self) -> str:
        """
        the coach who wrote it (str; the "author_id" member of the SessionNote document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/author_id" and leaves the record unchanged.
        """
    @author_id.setter
    def author_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the SessionNote document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def session_id(self) -> str:
        """
        the session it is about (str; the "session_id" member of the SessionNote document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/session_id" and leaves the record unchanged.
        """
    @session_id.setter
    def session_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        """
        the note (free text: confidential to the session's coach and client) (str; the "text" member of the SessionNote document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/text" and leaves the record unchanged.
        """
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def written_at(self) -> datetime.datetime:
        """
        when it was written (UTC) (aware datetime (UTC); the "written_at" member of the SessionNote document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/written_at" and leaves the record unchanged.
        """
    @written_at.setter
    def written_at(self, arg1: typing.Any) -> None:
        ...
class Goal:
    """
    A client's self-identified goal (confidential).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Goal:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Goal:
        ...
    def __deepcopy__(self, memo: dict) -> Goal:
        ...
    def __eq__(self, arg0: Goal) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def attainment(self) -> GoalAttainment:
        """
        how far it has been achieved (enum (or its name as str); the "attainment" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/attainment" and leaves the record unchanged.
        """
    @attainment.setter
    def attainment(self, arg1: typing.Any) -> None:
        ...
    @property
    def baseline(self) -> int | None:
        """
        self-rated 0..10 at the start (int or None; the "baseline" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/baseline" and leaves the record unchanged.
        """
    @baseline.setter
    def baseline(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        whose goal it is (str; the "client_id" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def description(self) -> str:
        """
        the goal in the client's words (free text: confidential) (str; the "description" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/description" and leaves the record unchanged.
        """
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        the episode it belongs to (may be empty: the client's latest referral) (str; the "referral_id" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def target(self) -> int | None:
        """
        self-rated 0..10 aimed for (int or None; the "target" member of the Goal document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/target" and leaves the record unchanged.
        """
    @target.setter
    def target(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
class CarePlan:
    """
    One version of a client's personalised care and support plan in an episode (confidential).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> CarePlan:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> CarePlan:
        ...
    def __deepcopy__(self, memo: dict) -> CarePlan:
        ...
    def __eq__(self, arg0: CarePlan) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def actions(self) -> list[str]:
        """
        agreed actions (text items) (list; the "actions" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/actions" and leaves the record unchanged.
        """
    @actions.setter
    def actions(self, arg1: typing.Any) -> None:
        ...
    @property
    def agreed_at(self) -> datetime.datetime:
        """
        when it was agreed (UTC) (aware datetime (UTC); the "agreed_at" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/agreed_at" and leaves the record unchanged.
        """
    @agreed_at.setter
    def agreed_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def agreed_by(self) -> str:
        """
        the coach (id) who agreed it with the person (str; the "agreed_by" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/agreed_by" and leaves the record unchanged.
        """
    @agreed_by.setter
    def agreed_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def agreed_sessions(self) -> int:
        """
        the agreed number of sessions, >= 1 (int; the "agreed_sessions" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/agreed_sessions" and leaves the record unchanged.
        """
    @agreed_sessions.setter
    def agreed_sessions(self, arg1: typing.Any) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        the client (str; the "client_id" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def goal_ids(self) -> list[str]:
        """
        Ids of Goal records of the same client and episode the plan takes up (may be empty). (list; the "goal_ids" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/goal_ids" and leaves the record unchanged.
        """
    @goal_ids.setter
    def goal_ids(self, arg1: typing.Any) -> None:
        ...
    @property
    def goals(self) -> list[str]:
        """
        The person's goals as text items (may be empty when goal_ids names them). (list; the "goals" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/goals" and leaves the record unchanged.
        """
    @goals.setter
    def goals(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id of this version (str; the "id" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        the episode (a referral of that client) (str; the "referral_id" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def version(self) -> int:
        """
        1, 2, ... per episode; 0 in add_care_plan: the next one (int; the "version" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/version" and leaves the record unchanged.
        """
    @version.setter
    def version(self, arg1: typing.Any) -> None:
        ...
    @property
    def what_matters(self) -> str:
        """
        what matters to the person, in their words (free text) (str; the "what_matters" member of the CarePlan document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/what_matters" and leaves the record unchanged.
        """
    @what_matters.setter
    def what_matters(self, arg1: typing.Any) -> None:
        ...
class CarePlanShare:
    """
    A consented share of an episode's care plan with a named practitioner (never the employer).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> CarePlanShare:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> CarePlanShare:
        ...
    def __deepcopy__(self, memo: dict) -> CarePlanShare:
        ...
    def __eq__(self, arg0: CarePlanShare) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def active(self) -> bool:
        """
        True while the share is not revoked.
        """
    @property
    def client_id(self) -> str:
        """
        whose plan (str; the "client_id" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def consent_at(self) -> datetime.datetime:
        """
        when the person consented (UTC) (aware datetime (UTC); the "consent_at" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/consent_at" and leaves the record unchanged.
        """
    @consent_at.setter
    def consent_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def consent_by(self) -> str:
        """
        who recorded the consent (the coach's id) (str; the "consent_by" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/consent_by" and leaves the record unchanged.
        """
    @consent_by.setter
    def consent_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        ODS code of the practitioner's organisation (str; the "organisation" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
    @property
    def practitioner_id(self) -> str:
        """
        the id the practitioner reads as (host-authenticated) (str; the "practitioner_id" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/practitioner_id" and leaves the record unchanged.
        """
    @practitioner_id.setter
    def practitioner_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def practitioner_name(self) -> str:
        """
        named practitioner (str; the "practitioner_name" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/practitioner_name" and leaves the record unchanged.
        """
    @practitioner_name.setter
    def practitioner_name(self, arg1: typing.Any) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        the episode whose plan is shared (str; the "referral_id" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def revoked_at(self) -> datetime.datetime:
        """
        when revoked (UTC); special while in force (aware datetime (UTC); the "revoked_at" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/revoked_at" and leaves the record unchanged.
        """
    @revoked_at.setter
    def revoked_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def role(self) -> str:
        """
        e.g. "GP", "practice nurse", "social prescribing link worker" (str; the "role" member of the CarePlanShare document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/role" and leaves the record unchanged.
        """
    @role.setter
    def role(self, arg1: typing.Any) -> None:
        ...
class OnwardReferral:
    """
    A referral on to another service at or after coaching.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> OnwardReferral:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> OnwardReferral:
        ...
    def __deepcopy__(self, memo: dict) -> OnwardReferral:
        ...
    def __eq__(self, arg0: OnwardReferral) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def client_id(self) -> str:
        """
        the client (str; the "client_id" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def description(self) -> str:
        """
        what service; required for Other (free text) (str; the "description" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/description" and leaves the record unchanged.
        """
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def destination(self) -> OnwardDestination:
        """
        enum (or its name as str): the "destination" member of the OnwardReferral document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/destination" and leaves the record unchanged.
        """
    @destination.setter
    def destination(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def outcome(self) -> OnwardOutcome:
        """
        enum (or its name as str): the "outcome" member of the OnwardReferral document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/outcome" and leaves the record unchanged.
        """
    @outcome.setter
    def outcome(self, arg1: typing.Any) -> None:
        ...
    @property
    def outcome_at(self) -> datetime.datetime:
        """
        when the outcome was known (UTC); special when unknown (aware datetime (UTC); the "outcome_at" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/outcome_at" and leaves the record unchanged.
        """
    @outcome_at.setter
    def outcome_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        the coaching episode it came from (str; the "referral_id" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def referred_at(self) -> datetime.datetime:
        """
        when (UTC), not before the episode's referral (aware datetime (UTC); the "referred_at" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referred_at" and leaves the record unchanged.
        """
    @referred_at.setter
    def referred_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def referred_by(self) -> str:
        """
        the coach (id) who made it (str; the "referred_by" member of the OnwardReferral document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referred_by" and leaves the record unchanged.
        """
    @referred_by.setter
    def referred_by(self, arg1: typing.Any) -> None:
        ...
class SupervisionRecord:
    """
    A supervision or line-management meeting.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> SupervisionRecord:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> SupervisionRecord:
        ...
    def __deepcopy__(self, memo: dict) -> SupervisionRecord:
        ...
    def __eq__(self, arg0: SupervisionRecord) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def coach_id(self) -> str:
        """
        the coach supported (str; the "coach_id" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/coach_id" and leaves the record unchanged.
        """
    @coach_id.setter
    def coach_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def date(self) -> datetime.date:
        """
        the day of the meeting (datetime.date; the "date" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/date" and leaves the record unchanged.
        """
    @date.setter
    def date(self, arg1: typing.Any) -> None:
        ...
    @property
    def group(self) -> bool:
        """
        group supervision (health coaching supervision only) (bool; the "group" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/group" and leaves the record unchanged.
        """
    @group.setter
    def group(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> SupervisionKind:
        """
        health coaching supervision, clinical supervision or line management (enum (or its name as str); the "kind" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/kind" and leaves the record unchanged.
        """
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def minutes(self) -> int:
        """
        length, minutes (int; the "minutes" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/minutes" and leaves the record unchanged.
        """
    @minutes.setter
    def minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def pci_assured(self) -> bool:
        """
        supervisor assured by the Personalised Care Institute (bool; the "pci_assured" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/pci_assured" and leaves the record unchanged.
        """
    @pci_assured.setter
    def pci_assured(self, arg1: typing.Any) -> None:
        ...
    @property
    def supervisor(self) -> str:
        """
        name or id of the supervisor / clinician / line manager (str; the "supervisor" member of the SupervisionRecord document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/supervisor" and leaves the record unchanged.
        """
    @supervisor.setter
    def supervisor(self, arg1: typing.Any) -> None:
        ...
class SupervisionPolicy:
    """
    How often each kind of support is due (days; 0 = not required).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> SupervisionPolicy:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> SupervisionPolicy:
        ...
    def __deepcopy__(self, memo: dict) -> SupervisionPolicy:
        ...
    def __eq__(self, arg0: SupervisionPolicy) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def clinical_days(self) -> int:
        """
        clinical / non-managerial supervision at least monthly (int; the "clinical_days" member of the SupervisionPolicy document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/clinical_days" and leaves the record unchanged.
        """
    @clinical_days.setter
    def clinical_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def health_coaching_days(self) -> int:
        """
        PCI-assured health coaching supervision at least monthly (int; the "health_coaching_days" member of the SupervisionPolicy document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/health_coaching_days" and leaves the record unchanged.
        """
    @health_coaching_days.setter
    def health_coaching_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def health_coaching_requires_pci(self) -> bool:
        """
        only PCI-assured supervisors count (bool; the "health_coaching_requires_pci" member of the SupervisionPolicy document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/health_coaching_requires_pci" and leaves the record unchanged.
        """
    @health_coaching_requires_pci.setter
    def health_coaching_requires_pci(self, arg1: typing.Any) -> None:
        ...
    @property
    def line_management_days(self) -> int:
        """
        line management at least quarterly (int; the "line_management_days" member of the SupervisionPolicy document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/line_management_days" and leaves the record unchanged.
        """
    @line_management_days.setter
    def line_management_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class OverdueSupervision:
    """
    A coach overdue for one kind of support.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> OverdueSupervision:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> OverdueSupervision:
        ...
    def __deepcopy__(self, memo: dict) -> OverdueSupervision:
        ...
    def __eq__(self, arg0: OverdueSupervision) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def coach_id(self) -> str:
        """
        the coach overdue (str; the "coach_id" member of the OverdueSupervision document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/coach_id" and leaves the record unchanged.
        """
    @coach_id.setter
    def coach_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def days_overdue(self) -> int:
        """
        days past due on the query date (int; the "days_overdue" member of the OverdueSupervision document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/days_overdue" and leaves the record unchanged.
        """
    @days_overdue.setter
    def days_overdue(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def due(self) -> datetime.date:
        """
        when the next was due (datetime.date; the "due" member of the OverdueSupervision document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/due" and leaves the record unchanged.
        """
    @due.setter
    def due(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> SupervisionKind:
        """
        the kind of support that is overdue (enum (or its name as str); the "kind" member of the OverdueSupervision document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/kind" and leaves the record unchanged.
        """
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def last(self) -> datetime.date | None:
        """
        last qualifying meeting, if any (datetime.date or None; the "last" member of the OverdueSupervision document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/last" and leaves the record unchanged.
        """
    @last.setter
    def last(self, arg1: typing.Any) -> None:
        ...
class SafeguardingConcern:
    """
    A safeguarding concern and its escalation.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> SafeguardingConcern:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> SafeguardingConcern:
        ...
    def __deepcopy__(self, memo: dict) -> SafeguardingConcern:
        ...
    def __eq__(self, arg0: SafeguardingConcern) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def category(self) -> SafeguardingCategory:
        """
        abuse, domestic violence, mental health, self-harm or other (enum (or its name as str); the "category" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/category" and leaves the record unchanged.
        """
    @category.setter
    def category(self, arg1: typing.Any) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        the client it is about (str; the "client_id" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def coach_id(self) -> str:
        """
        the coach who raised it (str; the "coach_id" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/coach_id" and leaves the record unchanged.
        """
    @coach_id.setter
    def coach_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def escalated_at(self) -> datetime.datetime:
        """
        when it was escalated (UTC); not_a_date_time until then (aware datetime (UTC); the "escalated_at" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/escalated_at" and leaves the record unchanged.
        """
    @escalated_at.setter
    def escalated_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def escalated_to(self) -> str:
        """
        the named GP or lead; empty until escalated (str; the "escalated_to" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/escalated_to" and leaves the record unchanged.
        """
    @escalated_to.setter
    def escalated_to(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def raised_at(self) -> datetime.datetime:
        """
        when it was raised (UTC) (aware datetime (UTC); the "raised_at" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/raised_at" and leaves the record unchanged.
        """
    @raised_at.setter
    def raised_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def risk_flag_id(self) -> str:
        """
        the risk flag (RiskFlag::id) this concern answers; may be empty (str; the "risk_flag_id" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/risk_flag_id" and leaves the record unchanged.
        """
    @risk_flag_id.setter
    def risk_flag_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def session_id(self) -> str:
        """
        may be empty (str; the "session_id" member of the SafeguardingConcern document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/session_id" and leaves the record unchanged.
        """
    @session_id.setter
    def session_id(self, arg1: typing.Any) -> None:
        ...
class TrainingCohort:
    """
    A coaching-skills course (days).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> TrainingCohort:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> TrainingCohort:
        ...
    def __deepcopy__(self, memo: dict) -> TrainingCohort:
        ...
    def __eq__(self, arg0: TrainingCohort) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def days(self) -> int:
        """
        course length, days (2 = coaching skills, 4 = HWBC) (int; the "days" member of the TrainingCohort document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/days" and leaves the record unchanged.
        """
    @days.setter
    def days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the TrainingCohort document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        """
        the course's name (str; the "name" member of the TrainingCohort document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/name" and leaves the record unchanged.
        """
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        ODS code of the host, may be empty (str; the "organisation" member of the TrainingCohort document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
    @property
    def start(self) -> datetime.date:
        """
        the course's first day (datetime.date; the "start" member of the TrainingCohort document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/start" and leaves the record unchanged.
        """
    @start.setter
    def start(self, arg1: typing.Any) -> None:
        ...
class Trainee:
    """
    A member of staff on a cohort; confidence 1-10.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Trainee:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Trainee:
        ...
    def __deepcopy__(self, memo: dict) -> Trainee:
        ...
    def __eq__(self, arg0: Trainee) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def champion(self) -> bool:
        """
        joined the champions group (bool; the "champion" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/champion" and leaves the record unchanged.
        """
    @champion.setter
    def champion(self, arg1: typing.Any) -> None:
        ...
    @property
    def cohort_id(self) -> str:
        """
        the course attended (str; the "cohort_id" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/cohort_id" and leaves the record unchanged.
        """
    @cohort_id.setter
    def cohort_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def confidence_after(self) -> int | None:
        """
        the same after the course, 1..10 (int or None; the "confidence_after" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/confidence_after" and leaves the record unchanged.
        """
    @confidence_after.setter
    def confidence_after(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def confidence_before(self) -> int | None:
        """
        confidence in using a coaching approach, 1..10 (int or None; the "confidence_before" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/confidence_before" and leaves the record unchanged.
        """
    @confidence_before.setter
    def confidence_before(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def days_attended(self) -> int:
        """
        0..cohort days (int; the "days_attended" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/days_attended" and leaves the record unchanged.
        """
    @days_attended.setter
    def days_attended(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        unique id (str; the "id" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        ODS code, may be empty (str; the "organisation" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
    @property
    def profession(self) -> str:
        """
        e.g. "social prescribing link worker", "care coordinator" (str; the "profession" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/profession" and leaves the record unchanged.
        """
    @profession.setter
    def profession(self, arg1: typing.Any) -> None:
        ...
    @property
    def sector(self) -> str:
        """
        e.g. "gp_practice", "community", "acute", "social_care", "voluntary" (str; the "sector" member of the Trainee document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/sector" and leaves the record unchanged.
        """
    @sector.setter
    def sector(self, arg1: typing.Any) -> None:
        ...
class TrainedPerson:
    """
    An entry of the register of everyone trained.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> TrainedPerson:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> TrainedPerson:
        ...
    def __deepcopy__(self, memo: dict) -> TrainedPerson:
        ...
    def __eq__(self, arg0: TrainedPerson) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def cohort_id(self) -> str:
        """
        their course (str; the "cohort_id" member of the TrainedPerson document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/cohort_id" and leaves the record unchanged.
        """
    @cohort_id.setter
    def cohort_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed(self) -> datetime.date:
        """
        last day of the course (datetime.date; the "completed" member of the TrainedPerson document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/completed" and leaves the record unchanged.
        """
    @completed.setter
    def completed(self, arg1: typing.Any) -> None:
        ...
    @property
    def course_days(self) -> int:
        """
        the course's length in days (all attended) (int; the "course_days" member of the TrainedPerson document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/course_days" and leaves the record unchanged.
        """
    @course_days.setter
    def course_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        their organisation (str; the "organisation" member of the TrainedPerson document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
    @property
    def profession(self) -> str:
        """
        their profession (str; the "profession" member of the TrainedPerson document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/profession" and leaves the record unchanged.
        """
    @profession.setter
    def profession(self, arg1: typing.Any) -> None:
        ...
    @property
    def trainee_id(self) -> str:
        """
        the trainee's id (str; the "trainee_id" member of the TrainedPerson document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/trainee_id" and leaves the record unchanged.
        """
    @trainee_id.setter
    def trainee_id(self, arg1: typing.Any) -> None:
        ...
class UsageWave:
    """
    A wave of the coaching-skills usage survey: weeks after the course's last day.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> UsageWave:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> UsageWave:
        ...
    def __deepcopy__(self, memo: dict) -> UsageWave:
        ...
    def __eq__(self, arg0: UsageWave) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def id(self) -> str:
        """
        e.g. "4w" (str; the "id" member of the UsageWave document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def weeks(self) -> int:
        """
        weeks after the last day of the course, 1..520, unique in the schedule (int; the "weeks" member of the UsageWave document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/weeks" and leaves the record unchanged.
        """
    @weeks.setter
    def weeks(self, arg1: typing.Any) -> None:
        ...
class UsageInvitation:
    """
    One trained person's invitation to one usage-survey wave (id '<trainee_id>#<wave>'), due date, sent_at and responded_at (aware UTC datetimes or None), answers.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> UsageInvitation:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> UsageInvitation:
        ...
    def __deepcopy__(self, memo: dict) -> UsageInvitation:
        ...
    def __eq__(self, arg0: UsageInvitation) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def answers(self) -> list[int | None]:
        """
        coaching_skills_usage answers in item order (nullopt = missing); empty until answered (list; the "answers" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/answers" and leaves the record unchanged.
        """
    @answers.setter
    def answers(self, arg1: typing.Any) -> None:
        ...
    @property
    def due(self) -> datetime.date:
        """
        last day of the course + 7 × the wave's weeks (datetime.date; the "due" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/due" and leaves the record unchanged.
        """
    @due.setter
    def due(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        usage_invitation_id(trainee_id, wave) (str; the "id" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def responded_at(self) -> datetime.datetime:
        """
        when answered (UTC), not before sent_at; unset until answered (aware datetime (UTC); the "responded_at" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/responded_at" and leaves the record unchanged.
        """
    @responded_at.setter
    def responded_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def sent_at(self) -> datetime.datetime:
        """
        when the host sent it (UTC); unset until sent (aware datetime (UTC); the "sent_at" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/sent_at" and leaves the record unchanged.
        """
    @sent_at.setter
    def sent_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def trainee_id(self) -> str:
        """
        a person on the training register (str; the "trainee_id" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/trainee_id" and leaves the record unchanged.
        """
    @trainee_id.setter
    def trainee_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def wave(self) -> str:
        """
        the UsageWave's id (str; the "wave" member of the UsageInvitation document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/wave" and leaves the record unchanged.
        """
    @wave.setter
    def wave(self, arg1: typing.Any) -> None:
        ...
class SkillShareSession:
    """
    A skill-share session of people trained in coaching skills: date, organisation, facilitator, attendees (trainee ids on the training register).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> SkillShareSession:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> SkillShareSession:
        ...
    def __deepcopy__(self, memo: dict) -> SkillShareSession:
        ...
    def __eq__(self, arg0: SkillShareSession) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def attendees(self) -> list[str]:
        """
        trainee ids, each on the training register, no repeats (list; the "attendees" member of the SkillShareSession document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/attendees" and leaves the record unchanged.
        """
    @attendees.setter
    def attendees(self, arg1: typing.Any) -> None:
        ...
    @property
    def date(self) -> datetime.date:
        """
        the day it was held (datetime.date; the "date" member of the SkillShareSession document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/date" and leaves the record unchanged.
        """
    @date.setter
    def date(self, arg1: typing.Any) -> None:
        ...
    @property
    def facilitator(self) -> str:
        """
        who ran it (a person's name: withheld from analyst tables) (str; the "facilitator" member of the SkillShareSession document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/facilitator" and leaves the record unchanged.
        """
    @facilitator.setter
    def facilitator(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        str: the "id" member of the SkillShareSession document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        ODS code of the host, may be empty (str; the "organisation" member of the SkillShareSession document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
class PractitionerStatus:
    """
    An entry of the register of who practises: latest usage answers, waves answered, skill-share sessions attended, champion.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> PractitionerStatus:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> PractitionerStatus:
        ...
    def __deepcopy__(self, memo: dict) -> PractitionerStatus:
        ...
    def __eq__(self, arg0: PractitionerStatus) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def champion(self) -> bool:
        """
        Trainee::champion (bool; the "champion" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/champion" and leaves the record unchanged.
        """
    @champion.setter
    def champion(self, arg1: typing.Any) -> None:
        ...
    @property
    def cohort_id(self) -> str:
        """
        str: the "cohort_id" member of the PractitionerStatus document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/cohort_id" and leaves the record unchanged.
        """
    @cohort_id.setter
    def cohort_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed(self) -> datetime.date:
        """
        last day of the course (datetime.date; the "completed" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/completed" and leaves the record unchanged.
        """
    @completed.setter
    def completed(self, arg1: typing.Any) -> None:
        ...
    @property
    def invited(self) -> int:
        """
        invitations (waves due so far) (int; the "invited" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/invited" and leaves the record unchanged.
        """
    @invited.setter
    def invited(self, arg1: typing.Any) -> None:
        ...
    @property
    def latest_confidence(self) -> int | None:
        """
        its confidence answer, 1..10 (int or None; the "latest_confidence" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/latest_confidence" and leaves the record unchanged.
        """
    @latest_confidence.setter
    def latest_confidence(self, arg1: typing.Any) -> None:
        ...
    @property
    def latest_frequency(self) -> int | None:
        """
        its frequency answer, 0..3 (never .. most days) (int or None; the "latest_frequency" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/latest_frequency" and leaves the record unchanged.
        """
    @latest_frequency.setter
    def latest_frequency(self, arg1: typing.Any) -> None:
        ...
    @property
    def latest_wave(self) -> str:
        """
        the latest answered wave (latest due date), "" when none (str; the "latest_wave" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/latest_wave" and leaves the record unchanged.
        """
    @latest_wave.setter
    def latest_wave(self, arg1: typing.Any) -> None:
        ...
    @property
    def organisation(self) -> str:
        """
        str: the "organisation" member of the PractitionerStatus document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/organisation" and leaves the record unchanged.
        """
    @organisation.setter
    def organisation(self, arg1: typing.Any) -> None:
        ...
    @property
    def practising(self) -> bool:
        """
        the latest answered wave raised "practising" (at least monthly) (bool; the "practising" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/practising" and leaves the record unchanged.
        """
    @practising.setter
    def practising(self, arg1: typing.Any) -> None:
        ...
    @property
    def profession(self) -> str:
        """
        str: the "profession" member of the PractitionerStatus document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/profession" and leaves the record unchanged.
        """
    @profession.setter
    def profession(self, arg1: typing.Any) -> None:
        ...
    @property
    def skill_share_attended(self) -> int:
        """
        skill-share sessions attended (int; the "skill_share_attended" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/skill_share_attended" and leaves the record unchanged.
        """
    @skill_share_attended.setter
    def skill_share_attended(self, arg1: typing.Any) -> None:
        ...
    @property
    def trainee_id(self) -> str:
        """
        str: the "trainee_id" member of the PractitionerStatus document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/trainee_id" and leaves the record unchanged.
        """
    @trainee_id.setter
    def trainee_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def waves_answered(self) -> int:
        """
        invitations answered (int; the "waves_answered" member of the PractitionerStatus document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/waves_answered" and leaves the record unchanged.
        """
    @waves_answered.setter
    def waves_answered(self, arg1: typing.Any) -> None:
        ...
class Response:
    """
    Answers to one instrument by one client at one time point.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Response:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Response:
        ...
    def __deepcopy__(self, memo: dict) -> Response:
        ...
    def __eq__(self, arg0: Response) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def answers(self) -> list[int | None]:
        """
        item answers in order; nullopt = missing (list; the "answers" member of the Response document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/answers" and leaves the record unchanged.
        """
    @answers.setter
    def answers(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex | None]) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        str: the "client_id" member of the Response document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def follow_up_weeks(self) -> int:
        """
        weeks after the end of the episode (FollowUp only) (int; the "follow_up_weeks" member of the Response document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/follow_up_weeks" and leaves the record unchanged.
        """
    @follow_up_weeks.setter
    def follow_up_weeks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        str: the "id" member of the Response document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def instrument_id(self) -> str:
        """
        e.g. "swemwbs" (str; the "instrument_id" member of the Response document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/instrument_id" and leaves the record unchanged.
        """
    @instrument_id.setter
    def instrument_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def recorded_at(self) -> datetime.datetime:
        """
        aware datetime (UTC): the "recorded_at" member of the Response document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/recorded_at" and leaves the record unchanged.
        """
    @recorded_at.setter
    def recorded_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def recorded_score(self) -> float | None:
        """
        score-only instruments (PAM): score from a licensed tool (float or None; the "recorded_score" member of the Response document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/recorded_score" and leaves the record unchanged.
        """
    @recorded_score.setter
    def recorded_score(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def referral_id(self) -> str:
        """
        the episode (str; the "referral_id" member of the Response document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/referral_id" and leaves the record unchanged.
        """
    @referral_id.setter
    def referral_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def scores(self) -> dict[str, float]:
        """
        Externally scored: scale name → reported score computed elsewhere (no answers given); empty for a response scored from its answers. Each score lies in its scale's range. (value; the "scores" member of the Response document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/scores" and leaves the record unchanged.
        """
    @scores.setter
    def scores(self, arg1: typing.Any) -> None:
        ...
    @property
    def time_point(self) -> TimePoint:
        """
        enum (or its name as str): the "time_point" member of the Response document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/time_point" and leaves the record unchanged.
        """
    @time_point.setter
    def time_point(self, arg1: typing.Any) -> None:
        ...
class RiskFlag:
    """
    A clinical risk flag raised by a response (e.g. PHQ-9 item 9: self_harm_risk); open until a named person acknowledges it or a safeguarding concern names it.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> RiskFlag:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> RiskFlag:
        ...
    def __deepcopy__(self, memo: dict) -> RiskFlag:
        ...
    def __eq__(self, arg0: RiskFlag) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def acknowledged_at(self) -> datetime.datetime:
        """
        when (UTC), not before raised_at (aware datetime (UTC); the "acknowledged_at" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/acknowledged_at" and leaves the record unchanged.
        """
    @acknowledged_at.setter
    def acknowledged_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def acknowledged_by(self) -> str:
        """
        the named person who acknowledged it; empty while open (str; the "acknowledged_by" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/acknowledged_by" and leaves the record unchanged.
        """
    @acknowledged_by.setter
    def acknowledged_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def action(self) -> str:
        """
        what was done (free text: confidential, never in events or extracts) (str; the "action" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/action" and leaves the record unchanged.
        """
    @action.setter
    def action(self, arg1: typing.Any) -> None:
        ...
    @property
    def client_id(self) -> str:
        """
        the response's client (str; the "client_id" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/client_id" and leaves the record unchanged.
        """
    @client_id.setter
    def client_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def flag(self) -> str:
        """
        flag name, e.g. "self_harm_risk" (str; the "flag" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/flag" and leaves the record unchanged.
        """
    @flag.setter
    def flag(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        """
        risk_flag_id(response_id, flag): "<response id>#<flag>" (str; the "id" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/id" and leaves the record unchanged.
        """
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def instrument_id(self) -> str:
        """
        the response's instrument (str; the "instrument_id" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/instrument_id" and leaves the record unchanged.
        """
    @instrument_id.setter
    def instrument_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def open(self) -> bool:
        """
        True until acknowledged (a concern naming it also answers it: see Programme.risk_flags).
        """
    @property
    def raised_at(self) -> datetime.datetime:
        """
        the response's recorded_at (UTC) (aware datetime (UTC); the "raised_at" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/raised_at" and leaves the record unchanged.
        """
    @raised_at.setter
    def raised_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def response_id(self) -> str:
        """
        the response that raised it (str; the "response_id" member of the RiskFlag document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/response_id" and leaves the record unchanged.
        """
    @response_id.setter
    def response_id(self, arg1: typing.Any) -> None:
        ...
class Event:
    """
    An outbox event for the host: seq, kind, at (UTC), records (ids), payload (JSON text).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Event:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Event:
        ...
    def __deepcopy__(self, memo: dict) -> Event:
        ...
    def __eq__(self, arg0: Event) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def at(self) -> datetime.datetime:
        """
        when the change was committed (UTC) (aware datetime (UTC); the "at" member of the Event document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/at" and leaves the record unchanged.
        """
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def data(self) -> typing.Any:
        """
        The payload as a dict (ids, times, statuses; never free text).
        """
    @property
    def kind(self) -> EventKind:
        """
        enum (or its name as str): the "kind" member of the Event document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/kind" and leaves the record unchanged.
        """
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def payload(self) -> str:
        """
        a compact JSON object (ids, times, statuses; no free text) (str; the "payload" member of the Event document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/payload" and leaves the record unchanged.
        """
    @payload.setter
    def payload(self, arg1: typing.Any) -> None:
        ...
    @property
    def records(self) -> list[str]:
        """
        ids of the records concerned, the main one first (list; the "records" member of the Event document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/records" and leaves the record unchanged.
        """
    @records.setter
    def records(self, arg1: typing.Any) -> None:
        ...
    @property
    def seq(self) -> int:
        """
        position in the outbox, from 1 (0 until stored) (int; the "seq" member of the Event document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/seq" and leaves the record unchanged.
        """
    @seq.setter
    def seq(self, arg1: typing.Any) -> None:
        ...
class Breach:
    """
    A rule breach needing action (audit).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> Breach:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> Breach:
        ...
    def __deepcopy__(self, memo: dict) -> Breach:
        ...
    def __eq__(self, arg0: Breach) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def detail(self) -> str:
        """
        human explanation (str; the "detail" member of the Breach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/detail" and leaves the record unchanged.
        """
    @detail.setter
    def detail(self, arg1: typing.Any) -> None:
        ...
    @property
    def record(self) -> str:
        """
        id of the record concerned (str; the "record" member of the Breach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/record" and leaves the record unchanged.
        """
    @record.setter
    def record(self, arg1: typing.Any) -> None:
        ...
    @property
    def rule(self) -> str:
        """
        e.g. "supervision_overdue", "safeguarding_not_escalated" (str; the "rule" member of the Breach document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/rule" and leaves the record unchanged.
        """
    @rule.setter
    def rule(self, arg1: typing.Any) -> None:
        ...
class ActivitySummary:
    """
    Counts released to an audience; suppressed figures are None.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> ActivitySummary:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> ActivitySummary:
        ...
    def __deepcopy__(self, memo: dict) -> ActivitySummary:
        ...
    def __eq__(self, arg0: ActivitySummary) -> bool:
        ...
    def __getitem__(self, arg0: str) -> float | None:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def audience(self) -> Audience:
        """
        enum (or its name as str): the "audience" member of the ActivitySummary document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/audience" and leaves the record unchanged.
        """
    @audience.setter
    def audience(self, arg1: typing.Any) -> None:
        ...
    @property
    def figures(self) -> dict:
        """
        The released figures {name: float, or None when suppressed}, in a fixed order.
        """
class SuperviseeCaseload:
    """
    A supervisee's caseload on a date: counts, dates, overdue support (no content).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> SuperviseeCaseload:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __copy__(self) -> SuperviseeCaseload:
        ...
    def __deepcopy__(self, memo: dict) -> SuperviseeCaseload:
        ...
    def __eq__(self, arg0: SuperviseeCaseload) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def active(self) -> bool:
        """
        the coach takes new bookings (bool; the "active" member of the SuperviseeCaseload document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/active" and leaves the record unchanged.
        """
    @active.setter
    def active(self, arg1: typing.Any) -> None:
        ...
    @property
    def booked_ahead(self) -> int:
        """
        Booked sessions starting after the date (the caseload ahead). (int; the "booked_ahead" member of the SuperviseeCaseload document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/booked_ahead" and leaves the record unchanged.
        """
    @booked_ahead.setter
    def booked_ahead(self, arg1: typing.Any) -> None:
        ...
    @property
    def by_status(self) -> dict:
        """
        Sessions on or before the date by status name, every status present.
        """
    @property
    def clients(self) -> int:
        """
        Distinct clients with a place in those sessions. (int; the "clients" member of the SuperviseeCaseload document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/clients" and leaves the record unchanged.
        """
    @clients.setter
    def clients(self, arg1: typing.Any) -> None:
        ...
    @property
    def coach_id(self) -> str:
        """
        str: the "coach_id" member of the SuperviseeCaseload document (docs/documents.md). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/coach_id" and leaves the record unchanged.
        """
    @coach_id.setter
    def coach_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def last_session(self) -> datetime.date | None:
        """
        UK local date of the latest attended session on or before the date. (datetime.date or None; the "last_session" member of the SuperviseeCaseload document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/last_session" and leaves the record unchanged.
        """
    @last_session.setter
    def last_session(self, arg1: typing.Any) -> None:
        ...
    @property
    def last_supervision(self) -> dict:
        """
        Latest meeting of each kind (by kind name) on or before the date, or None.
        """
    @property
    def overdue(self) -> list[OverdueSupervision]:
        """
        Kinds of support overdue on the date (Programme::overdue_supervision for this coach). (list; the "overdue" member of the SuperviseeCaseload document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/overdue" and leaves the record unchanged.
        """
    @overdue.setter
    def overdue(self, arg1: typing.Any) -> None:
        ...
    @property
    def sessions(self) -> int:
        """
        Sessions of the coach starting on or before the date (UK local), any status. (int; the "sessions" member of the SuperviseeCaseload document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/sessions" and leaves the record unchanged.
        """
    @sessions.setter
    def sessions(self, arg1: typing.Any) -> None:
        ...
class AccessLogCheck:
    """
    What verify_access_log found: intact, or the first broken entry's seq and why.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: str) -> AccessLogCheck:
        """
        Parse a JSON document; raises ParseError with the JSON pointer of the offending value.
        """
    def __bool__(self) -> bool:
        """
        True when the chain is intact.
        """
    def __copy__(self) -> AccessLogCheck:
        ...
    def __deepcopy__(self, memo: dict) -> AccessLogCheck:
        ...
    def __eq__(self, arg0: AccessLogCheck) -> bool:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Build from keyword arguments named as in the document schema; raises ParseError naming the key.
        """
    @typing.overload
    def __init__(self, document: dict) -> None:
        """
        Build from a dict in the document schema.
        """
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The record as a dict in the document schema (with schema_version).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The record as a JSON document.
        """
    @property
    def entries(self) -> int:
        """
        entries read (int; the "entries" member of the AccessLogCheck document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/entries" and leaves the record unchanged.
        """
    @entries.setter
    def entries(self, arg1: typing.Any) -> None:
        ...
    @property
    def first_broken(self) -> int:
        """
        The seq of the first broken entry (0 when intact): an entry whose content or predecessor does not match its hash, or the first seq missing from the sequence. (int; the "first_broken" member of the AccessLogCheck document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/first_broken" and leaves the record unchanged.
        """
    @first_broken.setter
    def first_broken(self, arg1: typing.Any) -> None:
        ...
    @property
    def head(self) -> str:
        """
        hash of the newest entry ("" when the log is empty) (str; the "head" member of the AccessLogCheck document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/head" and leaves the record unchanged.
        """
    @head.setter
    def head(self, arg1: typing.Any) -> None:
        ...
    @property
    def intact(self) -> bool:
        """
        every entry present, in order, with its hash (bool; the "intact" member of the AccessLogCheck document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/intact" and leaves the record unchanged.
        """
    @intact.setter
    def intact(self, arg1: typing.Any) -> None:
        ...
    @property
    def problem(self) -> str:
        """
        Why it is broken: "hash" (content, seq or predecessor changed) or "missing" (an entry was deleted); "" when intact. (str; the "problem" member of the AccessLogCheck document). Assigning re-reads the record through the document reader, so a bad value raises ParseError or ValidationError with field "/problem" and leaves the record unchanged.
        """
    @problem.setter
    def problem(self, arg1: typing.Any) -> None:
        ...
class Programme:
    """
    Every record of one coaching service, its invariants enforced; thread-safe.
    """
    @staticmethod
    def from_json(document: str) -> Programme:
        """
        A programme from a whole-programme document (validated; ParseError with JSON pointer).
        """
    @staticmethod
    def open(path: str, mode: str = 'c', busy_timeout: typing.SupportsFloat | typing.SupportsIndex = 5.0) -> Programme:
        """
        Open an SQLite store (every later change is committed to it). mode: 'c' read-write, creating the file when missing (default); 'w' read-write, NotFoundError (rule 'store_exists') when the file is missing; 'r' read-only (changes, and reads that must be logged, raise ForbiddenError rule 'read_only'). busy_timeout: seconds to wait for another connection's lock before BusyError. An empty path is a ValidationError (rule 'path_required'); ':memory:' is a store in memory.
        """
    def __init__(self) -> None:
        """
        A new programme with the default catalogue, in memory.
        """
    def __repr__(self) -> str:
        """
        One line: where the programme is kept (store path and schema version, or in memory) and its record counts; no person's data, nothing copied.
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the store and the record counts.
        """
    def access_figures(self, start: datetime.datetime, end: datetime.datetime, office_hours: typing.Any = None) -> booking.AccessFigures:
        """
        Access figures for sessions starting in [start, end): time from request to first offer and to the session, shares within 24 h and out of office hours (default ('09:00', '17:00') UK local, and weekends), outcome counts (client and coach did-not-attend separately), coach utilisation (booked / rota minutes).
        """
    def access_log(self, viewer: Viewer) -> typing.Any:
        """
        The access log as a pandas DataFrame (seq, at: aware UTC, audience, viewer_id, operation, records: list of ids, outcome, rule, hash), oldest first; the service manager only (ForbiddenError otherwise). The read is itself logged.
        """
    def acknowledge_events(self, up_to_seq: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Mark every event with seq <= up_to_seq handled (cumulative; again or lower is a no-op). ValidationError event_seq_known beyond the newest event.
        """
    def acknowledge_risk_flag(self, flag_id: str, by: str, at: datetime.datetime, action: str = '') -> RiskFlag:
        """
        A named person acknowledges a risk flag at an aware datetime, with what was done; returns the stored RiskFlag. ValidationError (named_person, acknowledgement_time), ConflictError (acknowledge_once).
        """
    def add_care_plan(self, plan: typing.Any, viewer: Viewer) -> CarePlan:
        """
        Add a new version of an episode's care plan (version 0 or absent: the next); returns the stored CarePlan. The viewer is the coach agreed_by with a session in the episode (ForbiddenError coach_in_episode); ConflictError version_sequence for another version.
        """
    def add_client(self, client: typing.Any) -> None:
        """
        Add a client (staff, pseudonymous, or patient with an NHS number). Raises ConflictError (id taken; nhs_number_unique), ValidationError (e.g. nhs_number_modulus_11, pam_level range), NotFoundError (organisation), ParseError.
        """
    def add_coach(self, coach: typing.Any) -> None:
        """
        Add a coach; raises ConflictError, NotFoundError, ValidationError.
        """
    def add_cohort(self, cohort: typing.Any) -> None:
        """
        Add a coaching-skills course (days, start date). Raises ConflictError, ValidationError.
        """
    def add_goal(self, goal: typing.Any, viewer: Viewer) -> None:
        """
        Add a client's goal (confidential); the viewer must be the client or a coach with a session in the episode (ForbiddenError otherwise). Raises ConflictError, NotFoundError, ValidationError.
        """
    def add_note(self, note: typing.Any, author: Viewer) -> None:
        """
        Add a confidential session note; the author must be the session's coach (ForbiddenError otherwise). Raises ConflictError (id taken), NotFoundError (session), ValidationError (length_limit).
        """
    def add_offer(self, offer: typing.Any) -> None:
        """
        Add an offer (session_minutes, capacity, modalities, opening hours, eligibility) to the catalogue. Raises ConflictError (id taken), NotFoundError (service_line_id), ValidationError, ParseError.
        """
    def add_onward_referral(self, referral: typing.Any, viewer: Viewer) -> OnwardReferral:
        """
        Record a referral on to another service, by the coach referred_by with a session in the episode; returns the stored OnwardReferral.
        """
    def add_organisation(self, organisation: typing.Any) -> None:
        """
        Add an organisation by ODS code (an Organisation or a dict). Raises ConflictError (code taken), NotFoundError (parent_ods), ValidationError, ParseError.
        """
    def add_referral(self, referral: typing.Any) -> None:
        """
        Open an episode: a client's request for an offer (requested_at an aware datetime). Raises ConflictError (id taken), NotFoundError (client_id, offer_id), ValidationError (the offer's eligibility), ParseError.
        """
    def add_response(self, response: typing.Any) -> Score:
        """
        Record a questionnaire response (a Response or dict) scored by the instrument the programme means (its own, register_instrument, else a built-in); a response scored elsewhere gives scores={scale: score} and no answers (docs/instruments.md). Returns its Score (total, band, flags, risk_flags). Each risk flag is stored (risk_flags()) with a risk_flag_raised event in the same transaction.
        """
    def add_service_line(self, service_line: typing.Any) -> None:
        """
        Add a service line (a ServiceLine or its document as a dict) to the catalogue. Raises ConflictError (id taken), ValidationError, ParseError (a bad document, naming the key).
        """
    def add_skill_share_session(self, session: typing.Any) -> None:
        """
        Add a skill-share session; attendees must be on the training register.
        """
    def add_supervision(self, record: typing.Any) -> None:
        """
        Record a supervision or line-management meeting of a coach (kind, date, supervisor, minutes). Raises ConflictError, NotFoundError (coach_id), ValidationError.
        """
    def add_trainee(self, trainee: typing.Any) -> None:
        """
        Add a member of staff to a cohort (days attended, confidence 1-10 before and after). Raises ConflictError, NotFoundError (cohort_id), ValidationError.
        """
    def add_usage_wave(self, wave: typing.Any) -> None:
        """
        Add a wave (id, weeks 1..520) to the usage survey's schedule; ConflictError unique_wave_weeks.
        """
    def agreed_sessions(self, referral_id: str) -> int | None:
        """
        Sessions the episode has agreed: the latest care plan version's, else the referral's sessions_wanted, else the offer's agreed_sessions, else None. NotFoundError for an unknown referral.
        """
    def audit(self, at: datetime.datetime) -> list[Breach]:
        """
        Rule breaches needing action at an instant.
        """
    def book(self, session: typing.Any) -> Session:
        """
        Book a session (all invariants); returns the stored session.
        """
    def book_earliest(self, client_id: str, offer_id: str | None = None, *, referral_id: str | None = None, modality: Modality | None = None, earliest: datetime.datetime = None, latest: datetime.datetime = None, now: datetime.datetime = None, preferred_coach: str | None = None, preferred_coach_only: bool = False, continuity: bool = True, times_of_day: typing.Any = None, weekdays: typing.Any = None, reschedule_of: str | None = None, max_results: typing.SupportsInt | typing.SupportsIndex = 5, session_id: str | None = None, requested_at: datetime.datetime = None, first_offered: datetime.datetime = None, adjustments: str | None = None) -> Session:
        """
        Search and book the best slot in one step (atomic: no two requests get the same coach at the same time); returns the stored Session. Raises ConflictError (rule 'no_slot_available') when nothing fits; a failure changes nothing. session_id defaults to a generated one, requested_at to the referral's.
        """
    def book_slot(self, slot: booking.Slot, client_id: str, offer_id: str | None = None, *, referral_id: str | None = None, now: datetime.datetime = None, reschedule_of: str | None = None, session_id: str | None = None, requested_at: datetime.datetime = None, first_offered: datetime.datetime = None, adjustments: str | None = None) -> Session:
        """
        Book a chosen slot (from search_slots) for a client, checked by every rule; with reschedule_of, move that session there. Returns the stored Session.
        """
    def care_plan_shares(self, client_id: str, viewer: Viewer) -> list[CarePlanShare]:
        """
        A client's care plan shares (revoked ones too) for the client or their coach; logged.
        """
    def care_plans(self, client_id: str, viewer: Viewer) -> list[CarePlan]:
        """
        Every plan version of a client the viewer may read (client; coach in the episode; practitioner it is shared with), by episode then version; logged. ForbiddenError never_employer for an employer.
        """
    def client(self, id: str, viewer: Viewer) -> Client:
        """
        A client's record for the service manager, the client or their coach; ForbiddenError otherwise.
        """
    def coach(self, id: str) -> Coach:
        """
        The coach with this id; NotFoundError when there is none.
        """
    def coaches(self) -> list[Coach]:
        """
        Every coach (list of Coach), by id.
        """
    def concerns(self) -> list[SafeguardingConcern]:
        """
        Every safeguarding concern (list of SafeguardingConcern).
        """
    def escalate_concern(self, concern_id: str, to: str, at: datetime.datetime) -> None:
        """
        Escalate a concern to a named GP or lead at an aware datetime. Raises NotFoundError, ValidationError (an empty name).
        """
    def evaluate(self, viewer: typing.Any = None, policy: typing.Any = None, **kwargs) -> typing.Any:
        """
        Evaluate the programme for a viewer (Viewer, Audience or audience name; default "public").
        
        Keyword options are those of the options document: pairing={...}, outcomes=[...],
        breakdowns=[...], confidence=0.95, max_dose=6, from_=/to= (aware datetimes or ISO text; "from"
        also accepted through **{"from": ...}), wilcoxon, group_differences, equity={"denominators":
        {"staff_group": {"nursing": 1200, ...}}, "outcome": ...} (access equity: report.equity_frame()),
        unit_costs={"source": ..., "price_year": ..., "coach_hour": {"7": {"value": 60, "low": 50, "high": 70}},
        ...} (value: report.value_frame()); see docs/equity-and-value.md.
        Employer, commissioner and public audiences get disclosure-controlled figures (docs/disclosure.md)
        under the service's floor or a stronger policy (a weaker one raises ForbiddenError
        policy_below_floor); a service manager or coach given a policy previews the release under it.
        Returns a laycoach.report.Report (DataFrames: .frames(); HTML: .to_html()).
        """
    def extract(self, table: str, recipient: str, arrow: bool = False) -> dict:
        """
        A pseudonymised extract of one table for `recipient`, as table() gives it, every id of a person or of a record of one replaced by its keyed pseudonym (docs/extracts.md); laycoach.extract() gives DataFrames.
        """
    def goals(self, client_id: str, viewer: Viewer) -> list[Goal]:
        """
        A client's goals, for the client or a coach who has a session with them only (ForbiddenError otherwise); the read is logged (read_goals, allowed or denied).
        """
    def import_frames(self, frames: typing.Any) -> typing.Any:
        """
        Add your own data: {table: pandas.DataFrame} with the tables and columns of docs/store.md (what laycoach.frame() gives), all or nothing in one store transaction, each record judged by the rule of its kind. See laycoach.import_frames and docs/own-data.md.
        """
    def import_records(self, document: str) -> None:
        """
        Add the records of a programme document (JSON text, the to_json() format) to those held, all or nothing in one store transaction; the first bad record raises its error with field = its JSON pointer ("/sessions/17/coach_id").
        """
    def inbox(self, untriaged_only: bool = False) -> typing.Any:
        """
        The inbox as a pandas DataFrame, oldest first (one row per item; times are UTC datetimes); untriaged_only: the items awaiting triage.
        """
    def inbox_item(self, inbox_id: str) -> dict:
        """
        One inbox item as a dict; NotFoundError.
        """
    def instrument(self, instrument_id: str) -> typing.Any:
        """
        The definition (a dict) of the instrument the programme means by an id: its own, else a built-in (ids ignore case). NotFoundError ('instrument_id').
        """
    def instruments(self) -> list:
        """
        The programme's own questionnaires (register_instrument) as definition dicts, by id; the built-ins are laycoach.instruments().
        """
    def join(self, session_id: str, attendee: typing.Any) -> Session:
        """
        Add a client (an Attendee or a dict) to a booked group or team session; returns the stored session. Raises ConflictError group_capacity when full (or the client double-booked), NotFoundError, ValidationError.
        """
    def load_json(self, document: str) -> None:
        """
        Replace every record from a document, all-or-nothing.
        """
    def mark_usage_invitations_sent(self, ids: collections.abc.Sequence[str], at: datetime.datetime) -> None:
        """
        Mark invitations sent at an aware datetime, all or nothing (ConflictError send_once).
        """
    def notes(self, session_id: str, viewer: Viewer) -> list[SessionNote]:
        """
        Notes of a session for its coach or client only; ForbiddenError for anyone else.
        """
    def offer(self, id: str) -> Offer:
        """
        The offer with this id; NotFoundError when there is none.
        """
    def onward_referrals(self, client_id: str, viewer: Viewer) -> list[OnwardReferral]:
        """
        A client's onward referrals for the client or their coach; logged.
        """
    def overdue_supervision(self, on: datetime.date) -> list[OverdueSupervision]:
        """
        Active coaches overdue for support on a date.
        """
    def overview(self) -> dict:
        """
        Where the programme is kept and how many records it holds, as a dict: store (path, ':memory:' or None), schema_version (None in memory), read_only, organisations, coaches, clients, referrals, sessions, responses. Counts only, no person's data; O(1).
        """
    def pending_events(self, limit: typing.SupportsInt | typing.SupportsIndex = 100) -> list[Event]:
        """
        Up to `limit` (1..10000) outbox events not yet acknowledged, lowest seq first (list of Event).
        """
    def practice_register(self) -> list[PractitionerStatus]:
        """
        The register of who practises: one PractitionerStatus per person on the training register.
        """
    def propose_route(self, inbox_id: str) -> dict:
        """
        What the current triage rules propose for an item: {'route': name or None, 'rule': the rule that matched, 'default', or ''}. NotFoundError.
        """
    def raise_concern(self, concern: typing.Any) -> None:
        """
        Raise a safeguarding concern; one naming a risk flag (risk_flag_id) answers that flag. Raises ConflictError, NotFoundError (also risk_flag_id), ValidationError (risk_flag_matches: another client's flag).
        """
    def receive_referral(self, item: typing.Any) -> dict:
        """
        Receive a referral at the single point of access, untriaged: a dict {'id', 'client_id', 'source', 'received_at' (aware datetime or ISO 8601), 'reason'}. The triage rules' proposal is recorded on it ('proposed_route', 'proposed_by_rule'). Returns the stored item as a dict. ConflictError (id), NotFoundError (client_id), ValidationError ('status' 'new_item_untriaged', 'received_at').
        """
    def record_attendance(self, session_id: str, client_id: str, status: AttendeeStatus) -> Session:
        """
        Record one attendee's outcome in a group or team session (AttendeeStatus); returns the session. Raises NotFoundError (session, or a client not in it), ValidationError.
        """
    def record_first_contact(self, inbox_id: str, at: datetime.datetime) -> dict:
        """
        Record when social prescribing or care coordination first contacted the person (aware datetime). Returns the stored item. ValidationError ('first_contact_route', 'first_contact_time'), ConflictError ('first_contact_once').
        """
    def record_outcome(self, session_id: str, outcome: SessionStatus) -> Session:
        """
        Record what happened to a booked session (SessionStatus: attended, client_did_not_attend, coach_did_not_attend, cancelled_by_client, cancelled_by_coach); returns the session. Raises NotFoundError, ValidationError when the session is no longer booked.
        """
    def record_usage_response(self, invitation_id: str, answers: collections.abc.Sequence[int | None], at: datetime.datetime) -> Score:
        """
        Record the answers (coaching_skills_usage items, None = unanswered) to a sent invitation; returns the Score (flag 'practising'). ValidationError invitation_sent / answer_in_range (field answers/i), ConflictError respond_once.
        """
    def referral(self, id: str) -> Referral:
        """
        The referral with this id; NotFoundError when there is none.
        """
    def referrals(self) -> list[Referral]:
        """
        All referrals, by id.
        """
    def register_instrument(self, definition: typing.Any) -> typing.Any:
        """
        Register a questionnaire of the programme's own from its definition (dict or JSON text, schema_version 1; docs/instruments.md): stored with the programme, used by add_response, evaluate and the report. Returns the definition as stored (a dict; 'primary' filled in when the only scale is primary). Registering an identical definition again is a no-op. ParseError (field = the JSON pointer: a repeated or unknown key, a bad value), ValidationError ('primary' 'primary_scale_required': several scales and no primary), ConflictError ('id': 'unique_instrument_id' for a built-in's id, 'instrument_immutable' for another definition under a registered id).
        """
    def replace_from(self, other: Programme) -> None:
        """
        Replace every record with another programme's, all-or-nothing (e.g. save a demo into a store).
        """
    def reschedule(self, session_id: str, new_id: str, new_start: datetime.datetime, booked_at: datetime.datetime = None) -> Session:
        """
        Move a booked session; the old one becomes rescheduled. booked_at defaults to now.
        """
    def responses(self) -> list[Response]:
        """
        Every questionnaire response (list of Response).
        """
    def revoke_share(self, share_id: str, viewer: Viewer, at: datetime.datetime = None) -> CarePlanShare:
        """
        Revoke a care plan share at an aware datetime (None: now) by the client or their coach; logged. ConflictError revoke_once when already revoked.
        """
    def risk_flags(self, open_only: bool = False) -> list[RiskFlag]:
        """
        Clinical risk flags (list of RiskFlag, by id); open_only: not acknowledged and named by no concern.
        """
    def schedule_usage_invitations(self, on: datetime.date) -> list[UsageInvitation]:
        """
        Create the invitations due on or before a date (one per person on the training register per wave); idempotent; returns those created.
        """
    def search_columns(self, client_id: str, offer_id: str | None = None, *, referral_id: str | None = None, modality: Modality | None = None, earliest: datetime.datetime = None, latest: datetime.datetime = None, now: datetime.datetime = None, preferred_coach: str | None = None, preferred_coach_only: bool = False, continuity: bool = True, times_of_day: typing.Any = None, weekdays: typing.Any = None, reschedule_of: str | None = None, max_results: typing.SupportsInt | typing.SupportsIndex = 5) -> dict:
        """
        search_slots as columns: {start (datetime64[s], UTC), minutes, coach_id, modality, favoured, coach_week_sessions}.
        """
    def search_frame(self, client_id: str, offer_id: str | None = None, *, referral_id: str | None = None, modality: Modality | None = None, earliest: datetime.datetime = None, latest: datetime.datetime = None, now: datetime.datetime = None, preferred_coach: str | None = None, preferred_coach_only: bool = False, continuity: bool = True, times_of_day: typing.Any = None, weekdays: typing.Any = None, reschedule_of: str | None = None, max_results: typing.SupportsInt | typing.SupportsIndex = 5) -> typing.Any:
        """
        search_slots as a pandas DataFrame (start: aware UTC).
        """
    def search_slots(self, client_id: str, offer_id: str | None = None, *, referral_id: str | None = None, modality: Modality | None = None, earliest: datetime.datetime = None, latest: datetime.datetime = None, now: datetime.datetime = None, preferred_coach: str | None = None, preferred_coach_only: bool = False, continuity: bool = True, times_of_day: typing.Any = None, weekdays: typing.Any = None, reschedule_of: str | None = None, max_results: typing.SupportsInt | typing.SupportsIndex = 5) -> list[booking.Slot]:
        """
        The earliest feasible slots for a client, ranked: the favoured coach first (preferred_coach, else the coach of the referral's latest session unless continuity=False), then start, then the coach's sessions that ISO week, then coach id. offer_id defaults to the referral's; modality to the referral's preferred one, else any; earliest and now to the clock; latest to earliest + 28 days. times_of_day: [(from, to), ...] UK local, as minutes, datetime.time or 'HH:MM' (the start lies in [from, to)); weekdays: [0..6] (0 = Monday) or names. Slots start on a 15-minute grid aligned to UK local time. Raises NotFoundError, ValidationError (rule 'eligibility' or 'consent' for the client).
        """
    def session(self, id: str) -> Session:
        """
        The session with this id; NotFoundError when there is none.
        """
    def sessions(self) -> list[Session]:
        """
        Every session (list of Session), by start then id.
        """
    def sessions_of_coach(self, coach_id: str) -> list[Session]:
        """
        A coach's sessions, by start.
        """
    def set_goal_attainment(self, goal_id: str, attainment: GoalAttainment, viewer: Viewer) -> None:
        """
        Update a goal's attainment (GoalAttainment); the same access rule as add_goal (ForbiddenError). Raises NotFoundError for an unknown goal.
        """
    def set_onward_outcome(self, id: str, outcome: OnwardOutcome, viewer: Viewer, at: datetime.datetime = None) -> OnwardReferral:
        """
        Record what became of an onward referral (known at an aware datetime, None: now); returns the record.
        """
    def set_triage_rules(self, rules: typing.Any) -> None:
        """
        Replace the triage rules with a rules document (dict or JSON text: {'rules': [{'id', 'when': {'client_kinds', 'sources', 'pam_min', 'pam_max'}, 'route'}], 'default'}; docs/triage.md). ParseError with the JSON pointer of an unknown key or value; ValidationError ('rules/<i>/...').
        """
    def share_care_plan(self, share: typing.Any, viewer: Viewer) -> CarePlanShare:
        """
        Share an episode's plan with a named practitioner, with consent, by the client or their coach; logged. ForbiddenError never_employer when the organisation is the client's employer.
        """
    def skill_share_sessions(self) -> list[SkillShareSession]:
        """
        Every skill-share session, by date then id.
        """
    def summary(self, viewer: Viewer | None = None, policy: SuppressionPolicy | None = None) -> ActivitySummary:
        """
        Activity counts for an audience (default: public, the least privileged); disclosure-controlled for employer, commissioner, public under the service's floor or a stronger policy (ForbiddenError policy_below_floor for a weaker one).
        """
    def supervisee_caseloads(self, viewer: Viewer, on: datetime.date) -> list[SuperviseeCaseload]:
        """
        Caseload metadata on a date: a supervisor's supervisees (the service manager: every coach); ForbiddenError for any other audience.
        """
    def table(self, name: str, arrow: bool = False) -> dict:
        """
        One store table as {column: numpy array}, no Python object per cell but text: integer int64 and boolean bool (numpy.ma masked arrays where the store has NULLs), real float64 (NaN), instant datetime64[us] (UTC, NaT), date datetime64[D] (NaT), text an object array of str/None (with arrow=True a pyarrow large_string array). laycoach.frame() makes it a DataFrame. No NHS number, person's name or free text (docs/store.md: withheld columns). Raises NotFoundError for an unknown table, ForbiddenError for notes, goals and care plans.
        """
    def to_fhir(self, viewer: Viewer, *, bundle_type: str = 'collection', patient_id: str | None = None, start: typing.Any = None, end: typing.Any = None, include_planned: bool = False, request_method: str = 'put') -> typing.Any:
        """
        Patient coaching as a FHIR R4 Bundle (UK Core profiles), a dict as json.loads gives it. Only the service manager may export (ForbiddenError rule 'service_manager_only'); the export is logged ('export_fhir'). Only patients who consented to the GP record, and only their coaching on patient service lines: never staff coaching, notes or goals (docs/fhir.md). bundle_type: 'collection' or 'transaction' (request_method 'put': PUT Type/<uuid>, or 'post'); patient_id: one patient (NotFoundError, ValidationError 'patient_only' for staff, ForbiddenError 'gp_record_consent'); start/end: aware datetimes bounding session starts and response times [start, end); include_planned: booked sessions as 'planned' Encounters. Ids are name-based UUIDs: the same records give the same Bundle.
        """
    def to_fhir_json(self, viewer: Viewer, *, bundle_type: str = 'collection', patient_id: str | None = None, start: typing.Any = None, end: typing.Any = None, include_planned: bool = False, request_method: str = 'put') -> str:
        """
        to_fhir as compact JSON text (to send to a FHIR server or write to a file). Only the service manager may export (ForbiddenError rule 'service_manager_only'); the export is logged ('export_fhir'). Only patients who consented to the GP record, and only their coaching on patient service lines: never staff coaching, notes or goals (docs/fhir.md). bundle_type: 'collection' or 'transaction' (request_method 'put': PUT Type/<uuid>, or 'post'); patient_id: one patient (NotFoundError, ValidationError 'patient_only' for staff, ForbiddenError 'gp_record_consent'); start/end: aware datetimes bounding session starts and response times [start, end); include_planned: booked sessions as 'planned' Encounters. Ids are name-based UUIDs: the same records give the same Bundle.
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The whole programme as a document (operator's view, confidential notes included).
        """
    def training_register(self) -> list[TrainedPerson]:
        """
        The register of everyone trained: those who attended every day of their cohort (list of TrainedPerson), by cohort then id.
        """
    def triage(self, inbox_id: str, *, route: typing.Any, decided_by: str, decided_at: datetime.datetime, offer_id: str = '', referral_id: str = '', preferred_modality: typing.Any = None, not_accepted_reason: str = '') -> dict:
        """
        A named person triages an inbox item to a route ('hwbc_targeted', 'hwbc_clinical', 'hwbc_non_clinical', 'social_prescribing', 'care_coordination', 'not_accepted') at an aware datetime. A coaching route opens a referral on offer_id (its service line's kind must match the route) in the same transaction, id referral_id or the item's id. Returns the stored item. ConflictError ('decided_by' 'triage_once'), ValidationError ('named_person', 'triage_time', 'reason_required', 'offer_required', 'route_matches_offer', 'eligibility' ...), NotFoundError.
        """
    def triage_rules(self) -> dict:
        """
        The current triage rules document as a dict.
        """
    def update_coach(self, coach: typing.Any) -> None:
        """
        Replace a coach's record (rota, offers, active ...) by id, checked as add_coach; booked sessions must stay valid. Raises NotFoundError (unknown coach), ValidationError, ConflictError.
        """
    def usage_invitations(self) -> list[UsageInvitation]:
        """
        Every usage invitation, by id.
        """
    def usage_invitations_due(self, on: datetime.date) -> list[UsageInvitation]:
        """
        Invitations due on or before a date and not yet sent, for the host to send.
        """
    def usage_waves(self) -> list[UsageWave]:
        """
        The usage survey's waves, by weeks.
        """
    def verify_access_log(self) -> AccessLogCheck:
        """
        Recompute the access log's hash chain: an AccessLogCheck (intact, or first_broken seq and problem).
        """
    @property
    def catalogue(self) -> Catalogue:
        """
        A copy of the catalogue: service lines and offers.
        """
    @property
    def client_count(self) -> int:
        """
        How many clients the programme holds (int).
        """
    @property
    def disclosure_floor(self) -> SuppressionPolicy:
        """
        The weakest disclosure policy any aggregate audience gets (at least SuppressionPolicy.minimum_floor()); kept in the store.
        """
    @disclosure_floor.setter
    def disclosure_floor(self, arg1: SuppressionPolicy) -> None:
        ...
    @property
    def supervision_policy(self) -> SupervisionPolicy:
        """
        How often each kind of support is due (a SupervisionPolicy; days, 0 = not required); setting it raises ValidationError for a negative interval.
        """
    @supervision_policy.setter
    def supervision_policy(self, arg1: typing.Any) -> None:
        ...
class ScaleScore:
    """
    The score of one scale of an instrument.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        the scale score as a dict
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def band(self) -> str:
        """
        band label, '' when none
        """
    @property
    def raw(self) -> typing.Any:
        """
        raw score (sum or mean of keyed item values), None when not scorable
        """
    @property
    def scale(self) -> str:
        """
        scale name
        """
    @property
    def score(self) -> typing.Any:
        """
        reported score (after any conversion table), None when not scorable
        """
class Score:
    """
    The result of scoring one response to an instrument.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def scale(self, name: str) -> typing.Any:
        """
        the named ScaleScore, or None
        """
    def to_dict(self) -> dict:
        """
        the score as a plain dict
        """
    def to_frame(self) -> typing.Any:
        """
        A tidy DataFrame: one row per scale (instrument_id, scale, raw, score, band).
        """
    @property
    def band(self) -> str:
        """
        band of the primary scale, '' when none
        """
    @property
    def flags(self) -> list:
        """
        risk and threshold flags raised, e.g. ['self_harm_risk']
        """
    @property
    def instrument_id(self) -> str:
        """
        the instrument id
        """
    @property
    def n_missing(self) -> int:
        """
        number of unanswered items
        """
    @property
    def risk_flags(self) -> list:
        """
        the clinical risk flags among flags (item rules marked risk), e.g. ['self_harm_risk']
        """
    @property
    def scales(self) -> list:
        """
        list of ScaleScore, in definition order
        """
    @property
    def total(self) -> typing.Any:
        """
        reported score of the primary scale; None if none or not scorable
        """
def _import_columns(programme: Programme, tables: dict) -> None:
    """
    Import tables given as {table: {column: numpy array or (values, mask)}} into the programme, all or nothing in one store transaction (laycoach.importing.import_frames builds them from DataFrames).
    """
def _strict_json(text: str, record: str) -> str:
    """
    The text read by the library's strict JSON reader, written back compactly (Report.from_json).
    """
def analyst_tables() -> list[str]:
    """
    The tables analysts may read and extracts may hold: every table but the confidential notes and goals.
    """
def bank_holidays(year: typing.SupportsInt | typing.SupportsIndex) -> list[datetime.date]:
    """
    England and Wales bank holidays of a year.
    """
def default_catalogue() -> Catalogue:
    """
    The programme's built-in catalogue.
    """
def evaluate_columns(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Any = None, *, labels: typing.Any = None, trend: typing.Any = None, name: str = 'outcome', reliability: typing.SupportsFloat | typing.SupportsIndex | None = None, meaningful_change: typing.SupportsFloat | typing.SupportsIndex | None = None, higher_is_better: bool = True, range: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex] | None = None, confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95, wilcoxon: bool = True, group_differences: bool = True, histogram: bool = True, proportions: typing.Any = None, audience: typing.Any = None, policy: typing.Any = None, record_keys: typing.Any = None) -> typing.Any:
    """
    Evaluate before/after columns (the fast path): one pair per episode, NaN = not paired.
    
    groups: {name: codes} with int codes (-1 = not in the breakdown; names from labels={name: [...]})
    or any array-like of labels (strings, pandas Categorical: factorised, sorted). trend={name: [x per
    label]} adds the dose-response line. proportions={name: array of 1/0/NaN} adds proportions with
    Wilson intervals over the same groups. audience defaults to "public" (the least privileged, as
    in every face): employer, commissioner and public audiences get disclosure control
    (docs/disclosure.md) under the default policy or a stronger one (SuppressionPolicy or a dict;
    a weaker one raises ForbiddenError policy_below_floor); ask for audience="service_manager" (or
    "coach") for exact figures, and give those a policy to preview a release under it.
    record_keys: one uint64 per pair keying the cell key method (the same people, the same
    perturbation in every call); without them the keys follow the rows' positions.
    Returns a laycoach.report.Report.
    The GIL is released while the engine runs.
    """
def evaluate_json(programme: Programme, options_json: str = '', indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
    """
    The evaluation report of a programme as a JSON document; options as the C API's lc_programme_evaluate.
    """
def evaluation_report_csv(report_json: str) -> dict:
    """
    The tables of an evaluation report document as RFC 4180 CSV texts {name: text} (C++ evaluation_report_csv): the figures the document releases, "*" where withheld. Raises ParseError for a document that is not an evaluation report.
    """
def from_uk_local(local: datetime.datetime, later_if_ambiguous: bool = False) -> datetime.datetime | None:
    """
    The UTC instant of a naive UK wall-clock reading; None when the reading is skipped by the spring change; for the repeated autumn hour the earlier (BST) instant unless later_if_ambiguous.
    """
def instrument(instrument_id: str) -> typing.Any:
    """
    The instrument's definition document (schema_version 1) as a dict.
    """
def instruments() -> list:
    """
    Ids of all instruments (built-in and loaded).
    """
def is_bank_holiday(day: datetime.date) -> bool:
    """
    England and Wales bank holiday?
    """
def load_instrument(definition: typing.Any) -> str:
    """
    Add a custom instrument from its definition (JSON string or dict, schema_version 1); returns its id.
    All-or-nothing: a bad document raises laycoach.Error whose field is the JSON pointer of the bad value.
    """
def nhs_number_canonical(nhs_number: str) -> str:
    """
    The stored form of an NHS number: its 10 digits ('943 476 5919' -> '9434765919').
    Raises ValidationError (field 'nhs_number', rule 'nhs_number_modulus_11') when not valid.
    """
def nhs_number_display(nhs_number: str) -> str:
    """
    An NHS number as people read it, 3-3-4 ('943 476 5919'); raises like nhs_number_canonical.
    """
def nhs_number_valid(nhs_number: str) -> bool:
    """
    True for a 10-digit NHS number with a valid Modulus 11 check digit.
    """
def pam_level(pam_score: typing.SupportsFloat | typing.SupportsIndex, cut_points: typing.Any = None) -> int:
    """
    PAM level 1-4 of a recorded PAM score 0-100; cut_points=(47.0, 55.1, 67.0) are the level 1-3 maxima.
    """
def read_store_table(path: str, name: str, arrow: bool = False) -> dict:
    """
    One table read straight from a store file (read-only SQLite, no programme loaded), in the shape of Programme.table(); laycoach.read_table() makes it a DataFrame. Raises NotFoundError (rule store_exists) for a missing file, IoError (rule store_format) for a file that is not a store of this schema version, NotFoundError / ForbiddenError for an unknown or confidential table.
    """
def score(instrument_id: str, answers: typing.Any, *, missing: typing.Any = None, max_missing: typing.Any = None, cutoffs: typing.Any = None, record: typing.Any = None) -> Score:
    """
    Score one response: answers is a sequence (list or 1-D numpy array) of int or None, one per item.
    missing='complete'|'prorate'|'available' with max_missing=k overrides the missing-item policy;
    cutoffs={'high_burnout_cutoff': 60} overrides named cut-offs; record names the response in errors.
    Returns a Score (total, band, scales, flags). Raises laycoach.Error (answer_count, answer_in_range, ...).
    """
def score_many(instrument_id: str, answers: typing.Any, scale: typing.Any = None, *, missing: typing.Any = None, max_missing: typing.Any = None, cutoffs: typing.Any = None) -> numpy.typing.NDArray[numpy.float64]:
    """
    Score many responses at once: answers is a 2-D array (rows x items; NaN or None = unanswered).
    Returns a float64 numpy array of the reported score of `scale` (default: the primary scale),
    NaN where a row is not scorable under the missing policy. Releases the GIL while scoring.
    """
def score_recorded(instrument_id: str, value: typing.SupportsFloat | typing.SupportsIndex, scale: typing.Any = None) -> Score:
    """
    A score recorded elsewhere (e.g. PAM score 0-100, or scale='level' 1-4) with its band and flags.
    """
def sqlite_schema_version() -> int:
    """
    The version of the SQLite store schema this library writes (int; docs/store.md).
    """
def store_schema_markdown() -> str:
    """
    The SQLite tables documented as Markdown.
    """
def table_column_kinds(name: str) -> dict:
    """
    What each column of a table holds: text, integer, real, boolean, instant (ISO 8601 UTC) or date.
    """
def table_columns_info(name: str) -> list:
    """
    The columns of a table as a list of dicts: name, kind (as table_column_kinds), enumeration (the enum type a text column holds, e.g. 'SessionStatus'; '' for an open vocabulary such as a staff group; None otherwise) and categories (every value of the enumeration in its order; [] when open or none). Raises NotFoundError / ForbiddenError as Programme.table.
    """
def tables() -> list[str]:
    """
    Names of the store's tables (programme.table(name) returns one as columns).
    """
def to_uk_local(instant: datetime.datetime) -> datetime.datetime:
    """
    UK wall-clock time (GMT or BST) of an aware instant, as a naive datetime: a local reading has no zone.
    """
__version__: str = '0.1.0'
