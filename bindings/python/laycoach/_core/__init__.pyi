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
__all__: list[str] = ['AccessLogCheck', 'ActivitySummary', 'Attendee', 'AttendeeStatus', 'Audience', 'Breach', 'BusyError', 'Catalogue', 'Client', 'ClientKind', 'Coach', 'ConflictError', 'Error', 'Event', 'EventKind', 'ForbiddenError', 'Format', 'Goal', 'GoalAttainment', 'InternalError', 'IoError', 'Modality', 'NotFoundError', 'Offer', 'OrgKind', 'Organisation', 'OverdueSupervision', 'ParseError', 'ProfessionalBody', 'Programme', 'Referral', 'ReferralSource', 'Response', 'RiskFlag', 'SafeguardingCategory', 'SafeguardingConcern', 'ScaleScore', 'Score', 'ServiceKind', 'ServiceLine', 'Session', 'SessionNote', 'SessionStatus', 'SuperviseeCaseload', 'SupervisionKind', 'SupervisionPolicy', 'SupervisionRecord', 'SuppressionPolicy', 'PractitionerStatus', 'SkillShareSession', 'TimePoint', 'TrainedPerson', 'Trainee', 'TrainingCohort', 'UsageInvitation', 'UsageWave', 'ValidationError', 'Viewer', 'WaitStatus', 'WaitingListEntry', 'analyst_tables', 'bank_holidays', 'booking', 'default_catalogue', 'demo', 'evaluate_columns', 'evaluate_json', 'evaluation_report_csv', 'from_uk_local', 'instrument', 'instruments', 'is_bank_holiday', 'load_instrument', 'nhs_number_canonical', 'nhs_number_display', 'nhs_number_valid', 'pam_level', 'score', 'score_many', 'score_recorded', 'simulation', 'sqlite_schema_version', 'stats', 'store_schema_markdown', 'table_column_kinds', 'table_columns_info', 'tables', 'to_uk_local']
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
class Viewer:
    """
    The identity behind a call: audience and id (coach id, client id, employer ODS code).
    """
    audience: Audience
    id: str
    def __init__(self, audience: Audience, id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
class SuppressionPolicy:
    """
    How figures released to employers, commissioners and the public are protected (docs/disclosure.md).
    """
    cell_key: bool
    exact_statistics: bool
    magnitude_noise: float
    max_perturbation: int
    min_count: int
    round_to: int
    def __init__(self, min_count: int = 8, round_to: int = 5, cell_key: bool = True, max_perturbation: int = 2,
                 magnitude_noise: float = 0.25, exact_statistics: bool = False) -> None:
        ...
    @staticmethod
    def minimum_floor() -> SuppressionPolicy:
        """
        The weakest floor a service may set: the NHS rule (1-7 suppressed, round to 5) without cell keys.
        """
    def to_dict(self) -> dict:
        ...
class ServiceLine:
    """
    A service line, e.g. Looking After You Too.
    """
    __hash__: typing.ClassVar[None] = None
    id: str
    kind: ServiceKind
    name: str
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
class Offer:
    """
    Something a client can book: format, length (minutes), capacity, modalities, hours, eligibility.
    """
    __hash__: typing.ClassVar[None] = None
    ethnically_diverse_pathway: bool
    format: Format
    id: str
    name: str
    service_line_id: str
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
        ...
    @property
    def agreed_sessions(self) -> int | None:
        ...
    @agreed_sessions.setter
    def agreed_sessions(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def capacity(self) -> int:
        ...
    @capacity.setter
    def capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def eligibility(self) -> typing.Any:
        ...
    @property
    def hours(self) -> typing.Any:
        ...
    @property
    def min_notice_minutes(self) -> int:
        ...
    @min_notice_minutes.setter
    def min_notice_minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def modalities(self) -> list[Modality]:
        ...
    @modalities.setter
    def modalities(self, arg0: collections.abc.Sequence[Modality]) -> None:
        ...
    @property
    def session_minutes(self) -> int:
        ...
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
        ...
    @offers.setter
    def offers(self, arg0: collections.abc.Sequence[Offer]) -> None:
        ...
    @property
    def service_lines(self) -> list[ServiceLine]:
        ...
    @service_lines.setter
    def service_lines(self, arg0: collections.abc.Sequence[ServiceLine]) -> None:
        ...
class Organisation:
    """
    An organisation by ODS code.
    """
    __hash__: typing.ClassVar[None] = None
    kind: OrgKind
    name: str
    ods_code: str
    parent_ods: str
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
class Coach:
    """
    A coach: training, memberships, offers, modalities, rota (see to_dict for nested parts).
    """
    __hash__: typing.ClassVar[None] = None
    active: bool
    band: str
    clinical_background: str
    ethnically_diverse: bool
    ethnically_diverse_pathway: bool
    first_point_of_contact: str
    id: str
    name: str
    safeguarding_lead: str
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
    def memberships(self) -> list[ProfessionalBody]:
        ...
    @memberships.setter
    def memberships(self, arg0: collections.abc.Sequence[ProfessionalBody]) -> None:
        ...
    @property
    def modalities(self) -> list[Modality]:
        ...
    @modalities.setter
    def modalities(self, arg0: collections.abc.Sequence[Modality]) -> None:
        ...
    @property
    def offers(self) -> list[str]:
        ...
    @offers.setter
    def offers(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def rota(self) -> typing.Any:
        ...
    @property
    def training(self) -> typing.Any:
        ...
class Client:
    """
    A client: staff (pseudonymous) or patient (NHS number).
    """
    __hash__: typing.ClassVar[None] = None
    ethnically_diverse: bool
    ethnicity: str
    ethnicity_group: str
    id: str
    kind: ClientKind
    leader: bool
    nhs_number: str
    organisation: str
    referral_source: ReferralSource
    sector: str
    staff_group: str
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
        ...
    @property
    def pam_level(self) -> int | None:
        ...
    @pam_level.setter
    def pam_level(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def pam_score(self) -> float | None:
        ...
    @pam_score.setter
    def pam_score(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
class Referral:
    """
    A request for coaching: opens a client-led episode.
    """
    __hash__: typing.ClassVar[None] = None
    adjustments: str
    client_id: str
    closed: bool
    id: str
    offer_id: str
    preferred_modality: Modality | None
    requested_at: datetime.datetime
    source: ReferralSource
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
    def sessions_wanted(self) -> int | None:
        ...
    @sessions_wanted.setter
    def sessions_wanted(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
class Attendee:
    """
    A client's place in a session.
    """
    __hash__: typing.ClassVar[None] = None
    client_id: str
    referral_id: str
    status: AttendeeStatus
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
class Session:
    """
    A 1:1, group or team session; start is an aware datetime (UTC), minutes its length.
    """
    __hash__: typing.ClassVar[None] = None
    adjustments: str
    booked_at: datetime.datetime
    coach_id: str
    first_offered: datetime.datetime
    id: str
    modality: Modality
    offer_id: str
    requested_at: datetime.datetime
    rescheduled_to: str
    series_id: str
    series_index: int
    start: datetime.datetime
    status: SessionStatus
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
    def attendees(self) -> list[Attendee]:
        ...
    @attendees.setter
    def attendees(self, arg0: collections.abc.Sequence[Attendee]) -> None:
        ...
    @property
    def end(self) -> datetime.datetime:
        """
        start + minutes
        """
    @property
    def minutes(self) -> int:
        ...
    @minutes.setter
    def minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class WaitingListEntry:
    """
    A client waiting for a place on a full group session.
    """
    __hash__: typing.ClassVar[None] = None
    added_at: datetime.datetime
    client_id: str
    id: str
    offered_at: datetime.datetime
    referral_id: str
    session_id: str
    status: WaitStatus
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
class SessionNote:
    """
    A confidential note: the session's coach and client only.
    """
    __hash__: typing.ClassVar[None] = None
    author_id: str
    id: str
    session_id: str
    text: str
    written_at: datetime.datetime
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
class Goal:
    """
    A client's self-identified goal (confidential).
    """
    __hash__: typing.ClassVar[None] = None
    attainment: GoalAttainment
    client_id: str
    description: str
    id: str
    referral_id: str
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
    def baseline(self) -> int | None:
        ...
    @baseline.setter
    def baseline(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def target(self) -> int | None:
        ...
    @target.setter
    def target(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
class CarePlan:
    """
    One version of a client's personalised care and support plan in an episode (confidential).
    """
    __hash__: typing.ClassVar[None] = None
    actions: list[str]
    agreed_at: datetime.datetime
    agreed_by: str
    agreed_sessions: int
    client_id: str
    goal_ids: list[str]
    goals: list[str]
    id: str
    referral_id: str
    version: int
    what_matters: str
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
class CarePlanShare:
    """
    A consented share of an episode's care plan with a named practitioner (never the employer).
    """
    __hash__: typing.ClassVar[None] = None
    client_id: str
    consent_at: datetime.datetime
    consent_by: str
    id: str
    organisation: str
    practitioner_id: str
    practitioner_name: str
    referral_id: str
    revoked_at: datetime.datetime | None
    role: str
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
class OnwardReferral:
    """
    A referral on to another service at or after coaching.
    """
    __hash__: typing.ClassVar[None] = None
    client_id: str
    description: str
    destination: OnwardDestination
    id: str
    outcome: OnwardOutcome
    outcome_at: datetime.datetime | None
    referral_id: str
    referred_at: datetime.datetime
    referred_by: str
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
class SupervisionRecord:
    """
    A supervision or line-management meeting.
    """
    __hash__: typing.ClassVar[None] = None
    coach_id: str
    date: datetime.date
    group: bool
    id: str
    kind: SupervisionKind
    pci_assured: bool
    supervisor: str
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
    def minutes(self) -> int:
        ...
    @minutes.setter
    def minutes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class SupervisionPolicy:
    """
    How often each kind of support is due (days; 0 = not required).
    """
    __hash__: typing.ClassVar[None] = None
    health_coaching_requires_pci: bool
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
        ...
    @clinical_days.setter
    def clinical_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def health_coaching_days(self) -> int:
        ...
    @health_coaching_days.setter
    def health_coaching_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def line_management_days(self) -> int:
        ...
    @line_management_days.setter
    def line_management_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class OverdueSupervision:
    """
    A coach overdue for one kind of support.
    """
    __hash__: typing.ClassVar[None] = None
    coach_id: str
    due: datetime.date
    kind: SupervisionKind
    last: datetime.date | None
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
    def days_overdue(self) -> int:
        ...
    @days_overdue.setter
    def days_overdue(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class SafeguardingConcern:
    """
    A safeguarding concern and its escalation.
    """
    __hash__: typing.ClassVar[None] = None
    category: SafeguardingCategory
    client_id: str
    coach_id: str
    escalated_at: datetime.datetime
    escalated_to: str
    id: str
    raised_at: datetime.datetime
    risk_flag_id: str
    session_id: str
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
class TrainingCohort:
    """
    A coaching-skills course (days).
    """
    __hash__: typing.ClassVar[None] = None
    id: str
    name: str
    organisation: str
    start: datetime.date
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
        ...
    @days.setter
    def days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Trainee:
    """
    A member of staff on a cohort; confidence 1-10.
    """
    __hash__: typing.ClassVar[None] = None
    champion: bool
    cohort_id: str
    id: str
    organisation: str
    profession: str
    sector: str
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
    def confidence_after(self) -> int | None:
        ...
    @confidence_after.setter
    def confidence_after(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def confidence_before(self) -> int | None:
        ...
    @confidence_before.setter
    def confidence_before(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def days_attended(self) -> int:
        ...
    @days_attended.setter
    def days_attended(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class UsageWave:
    """
    A wave of the coaching-skills usage survey: weeks after the course's last day.
    """
    __hash__: typing.ClassVar[None] = None
    id: str
    weeks: int
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
class UsageInvitation:
    """
    One trained person's invitation to one usage-survey wave (id '<trainee_id>#<wave>'), due date, sent_at and responded_at (aware UTC datetimes or None), answers.
    """
    __hash__: typing.ClassVar[None] = None
    id: str
    trainee_id: str
    wave: str
    due: datetime.date
    sent_at: datetime.datetime | None
    responded_at: datetime.datetime | None
    answers: list[int | None]
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
class SkillShareSession:
    """
    A skill-share session of people trained in coaching skills: date, organisation, facilitator, attendees (trainee ids on the training register).
    """
    __hash__: typing.ClassVar[None] = None
    id: str
    date: datetime.date
    organisation: str
    facilitator: str
    attendees: list[str]
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
class PractitionerStatus:
    """
    An entry of the register of who practises: latest usage answers, waves answered, skill-share sessions attended, champion.
    """
    __hash__: typing.ClassVar[None] = None
    trainee_id: str
    cohort_id: str
    profession: str
    organisation: str
    completed: datetime.date
    champion: bool
    invited: int
    waves_answered: int
    latest_wave: str
    latest_frequency: int | None
    latest_confidence: int | None
    practising: bool
    skill_share_attended: int
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
class TrainedPerson:
    """
    An entry of the register of everyone trained.
    """
    __hash__: typing.ClassVar[None] = None
    cohort_id: str
    completed: datetime.date
    organisation: str
    profession: str
    trainee_id: str
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
    def course_days(self) -> int:
        ...
    @course_days.setter
    def course_days(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Response:
    """
    Answers to one instrument by one client at one time point.
    """
    __hash__: typing.ClassVar[None] = None
    client_id: str
    id: str
    instrument_id: str
    recorded_at: datetime.datetime
    referral_id: str
    time_point: TimePoint
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
        ...
    @answers.setter
    def answers(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex | None]) -> None:
        ...
    @property
    def follow_up_weeks(self) -> int:
        ...
    @follow_up_weeks.setter
    def follow_up_weeks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def recorded_score(self) -> float | None:
        ...
    @recorded_score.setter
    def recorded_score(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def scores(self) -> dict[str, float]:
        ...
    @scores.setter
    def scores(self, arg0: typing.Any) -> None:
        ...
class RiskFlag:
    """
    A clinical risk flag raised by a response (e.g. PHQ-9 item 9: self_harm_risk); open until a named person acknowledges it or a safeguarding concern names it.
    """
    __hash__: typing.ClassVar[None] = None
    acknowledged_at: datetime.datetime
    acknowledged_by: str
    action: str
    client_id: str
    flag: str
    id: str
    instrument_id: str
    raised_at: datetime.datetime
    response_id: str
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
    def open(self) -> bool:
        """
        True until acknowledged (a concern naming it also answers it: see Programme.risk_flags).
        """
class Event:
    """
    An outbox event for the host: seq, kind, at (UTC), records (ids), payload (JSON text).
    """
    __hash__: typing.ClassVar[None] = None
    at: datetime.datetime
    kind: EventKind
    payload: str
    records: list[str]
    seq: int
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
    def data(self) -> typing.Any:
        """
        The payload as a dict (ids, times, statuses; never free text).
        """
class EventKind:
    """
    What an outbox event tells the host (docs/events.md).
    """
    RISK_FLAG_RAISED: typing.ClassVar[EventKind]
    SESSION_BOOKED: typing.ClassVar[EventKind]
    SESSION_CANCELLED: typing.ClassVar[EventKind]
    SESSION_JOINED: typing.ClassVar[EventKind]
    SESSION_RESCHEDULED: typing.ClassVar[EventKind]
    WAITING_LIST_OFFERED: typing.ClassVar[EventKind]
    __members__: typing.ClassVar[dict[str, EventKind]]
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
class Breach:
    """
    A rule breach needing action (audit).
    """
    __hash__: typing.ClassVar[None] = None
    detail: str
    record: str
    rule: str
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
class ActivitySummary:
    """
    Counts released to an audience; suppressed figures are None.
    """
    __hash__: typing.ClassVar[None] = None
    audience: Audience
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
    def figures(self) -> dict:
        ...
class SuperviseeCaseload:
    """
    A supervisee's caseload on a date: counts, dates, overdue support (no content).
    """
    __hash__: typing.ClassVar[None] = None
    active: bool
    booked_ahead: int
    clients: int
    coach_id: str
    last_session: datetime.date | None
    overdue: list[OverdueSupervision]
    sessions: int
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
    def by_status(self) -> dict:
        """
        Sessions on or before the date by status name, every status present.
        """
    @property
    def last_supervision(self) -> dict:
        """
        Latest meeting of each kind (by kind name) on or before the date, or None.
        """
class AccessLogCheck:
    """
    What verify_access_log found: intact, or the first broken entry's seq and why.
    """
    __hash__: typing.ClassVar[None] = None
    entries: int
    first_broken: int
    head: str
    intact: bool
    problem: str
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
class Programme:
    """
    Every record of one coaching service, its invariants enforced; thread-safe.
    """
    supervision_policy: SupervisionPolicy
    disclosure_floor: SuppressionPolicy
    @staticmethod
    def from_json(document: str) -> Programme:
        """
        A programme from a whole-programme document (validated; ParseError with JSON pointer).
        """
    @staticmethod
    def open(path: str, mode: str = 'c', busy_timeout: typing.SupportsFloat = 5.0) -> Programme:
        """
        Open an SQLite store (every later change is committed to it). mode: 'c' read-write, creating the file when missing (default); 'w' read-write, NotFoundError (rule 'store_exists') when the file is missing; 'r' read-only (changes, and reads that must be logged, raise ForbiddenError rule 'read_only'). busy_timeout: seconds to wait for another connection's lock before BusyError. An empty path is a ValidationError (rule 'path_required'); ':memory:' is a store in memory.
        """
    def __init__(self) -> None:
        """
        A new programme with the default catalogue, in memory.
        """
    def access_figures(self, start: datetime.datetime, end: datetime.datetime, office_hours: typing.Any = None) -> booking.AccessFigures:
        """
        Access figures for sessions starting in [start, end): time from request to first offer and to the session, shares within 24 h and out of office hours (default ('09:00', '17:00') UK local, and weekends), outcome counts (client and coach did-not-attend separately), coach utilisation (booked / rota minutes).
        """
    def add_client(self, client: typing.Any) -> None:
        ...
    def add_coach(self, coach: typing.Any) -> None:
        """
        Add a coach; raises ConflictError, NotFoundError, ValidationError.
        """
    def add_cohort(self, cohort: typing.Any) -> None:
        ...
    def add_goal(self, goal: typing.Any, viewer: Viewer) -> None:
        ...
    def add_care_plan(self, plan: typing.Any, viewer: Viewer) -> CarePlan:
        """
        Add a new version of an episode's care plan (version 0 or absent: the next); returns the stored CarePlan. The viewer is the coach agreed_by with a session in the episode (ForbiddenError coach_in_episode); ConflictError version_sequence for another version.
        """
    def add_onward_referral(self, referral: typing.Any, viewer: Viewer) -> OnwardReferral:
        """
        Record a referral on to another service, by the coach referred_by with a session in the episode; returns the stored OnwardReferral.
        """
    def agreed_sessions(self, referral_id: str) -> int | None:
        """
        Sessions the episode has agreed: the latest care plan version's, else the referral's sessions_wanted, else the offer's agreed_sessions, else None. NotFoundError for an unknown referral.
        """
    def care_plan_shares(self, client_id: str, viewer: Viewer) -> list[CarePlanShare]:
        """
        A client's care plan shares (revoked ones too) for the client or their coach; logged.
        """
    def care_plans(self, client_id: str, viewer: Viewer) -> list[CarePlan]:
        """
        Every plan version of a client the viewer may read (client; coach in the episode; practitioner it is shared with), by episode then version; logged. ForbiddenError never_employer for an employer.
        """
    def onward_referrals(self, client_id: str, viewer: Viewer) -> list[OnwardReferral]:
        """
        A client's onward referrals for the client or their coach; logged.
        """
    def revoke_share(self, share_id: str, viewer: Viewer, at: datetime.datetime | None = None) -> CarePlanShare:
        """
        Revoke a care plan share at an aware datetime (None: now) by the client or their coach; logged. ConflictError revoke_once when already revoked.
        """
    def set_onward_outcome(self, id: str, outcome: OnwardOutcome, viewer: Viewer, at: datetime.datetime | None = None) -> OnwardReferral:
        """
        Record what became of an onward referral (known at an aware datetime, None: now); returns the record.
        """
    def share_care_plan(self, share: typing.Any, viewer: Viewer) -> CarePlanShare:
        """
        Share an episode's plan with a named practitioner, with consent, by the client or their coach; logged. ForbiddenError never_employer when the organisation is the client's employer.
        """
    def add_note(self, note: typing.Any, author: Viewer) -> None:
        ...
    def add_offer(self, offer: typing.Any) -> None:
        ...
    def add_organisation(self, organisation: typing.Any) -> None:
        ...
    def add_referral(self, referral: typing.Any) -> None:
        ...
    def acknowledge_events(self, up_to_seq: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Mark every event with seq <= up_to_seq handled (cumulative; again or lower is a no-op). ValidationError event_seq_known beyond the newest event.
        """
    def acknowledge_risk_flag(self, flag_id: str, by: str, at: datetime.datetime, action: str = '') -> RiskFlag:
        """
        A named person acknowledges a risk flag at an aware datetime, with what was done; returns the stored RiskFlag. ValidationError (named_person, acknowledgement_time), ConflictError (acknowledge_once).
        """
    def add_response(self, response: typing.Any) -> Score:
        """
        Record a questionnaire response (a Response or dict) scored by the instrument the programme means (its own, register_instrument, else a built-in); a response scored elsewhere gives scores={scale: score} and no answers (docs/instruments.md). Returns its Score (total, band, flags, risk_flags). Each risk flag is stored (risk_flags()) with a risk_flag_raised event in the same transaction.
        """
    def add_service_line(self, service_line: typing.Any) -> None:
        ...
    def add_supervision(self, record: typing.Any) -> None:
        ...
    def add_trainee(self, trainee: typing.Any) -> None:
        ...
    def access_log(self, viewer: Viewer) -> typing.Any:
        """
        The access log as a pandas DataFrame (seq, at: aware UTC, audience, viewer_id, operation, records: list of ids, outcome, rule, hash), oldest first; the service manager only (ForbiddenError otherwise). The read is itself logged.
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
    def client(self, id: str, viewer: Viewer) -> Client:
        """
        A client's record for the service manager, the client or their coach; ForbiddenError otherwise.
        """
    def coach(self, id: str) -> Coach:
        ...
    def __repr__(self) -> str:
        """
        One line: where the programme is kept (store path and schema version, or in memory) and its record counts; no person's data, nothing copied.
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the store and the record counts.
        """
    def overview(self) -> dict:
        """
        Where the programme is kept and how many records it holds, as a dict: store (path, ':memory:' or None), schema_version (None in memory), read_only, organisations, coaches, clients, referrals, sessions, responses. Counts only, no person's data; O(1).
        """
    def coaches(self) -> list[Coach]:
        ...
    def concerns(self) -> list[SafeguardingConcern]:
        ...
    def escalate_concern(self, concern_id: str, to: str, at: datetime.datetime) -> None:
        ...
    def evaluate(self, viewer: typing.Any = None, policy: typing.Any = None, **kwargs) -> typing.Any:
        """
        Evaluate the programme for a viewer (Viewer, Audience or audience name; default "public").
        
        Keyword options are those of the options document: pairing={...}, outcomes=[...],
        breakdowns=[...], confidence=0.95, max_dose=6, from_=/to= (aware datetimes or ISO text; "from"
        also accepted through **{"from": ...}), wilcoxon, group_differences.
        Employer, commissioner and public audiences get disclosure-controlled figures under policy.
        Returns a laycoach.report.Report (DataFrames: .frames(); HTML: .to_html()).
        """
    def goals(self, client_id: str, viewer: Viewer) -> list[Goal]:
        ...
    def join(self, session_id: str, attendee: typing.Any) -> Session:
        ...
    def load_json(self, document: str) -> None:
        """
        Replace every record from a document, all-or-nothing.
        """
    def notes(self, session_id: str, viewer: Viewer) -> list[SessionNote]:
        """
        Notes of a session for its coach or client only; ForbiddenError for anyone else.
        """
    def offer(self, id: str) -> Offer:
        ...
    def overdue_supervision(self, on: datetime.date) -> list[OverdueSupervision]:
        """
        Active coaches overdue for support on a date.
        """
    def raise_concern(self, concern: typing.Any) -> None:
        ...
    def record_attendance(self, session_id: str, client_id: str, status: AttendeeStatus) -> Session:
        ...
    def record_outcome(self, session_id: str, outcome: SessionStatus) -> Session:
        ...
    def referral(self, id: str) -> Referral:
        ...
    def referrals(self) -> list[Referral]:
        """
        All referrals, by id.
        """
    def replace_from(self, other: Programme) -> None:
        """
        Replace every record with another programme's, all-or-nothing (e.g. save a demo into a store).
        """
    def reschedule(self, session_id: str, new_id: str, new_start: datetime.datetime, booked_at: datetime.datetime = None) -> Session:
        """
        Move a booked session; the old one becomes rescheduled. booked_at defaults to now.
        """
    def pending_events(self, limit: typing.SupportsInt | typing.SupportsIndex = 100) -> list[Event]:
        """
        Up to `limit` (1..10000) outbox events not yet acknowledged, lowest seq first (list of Event).
        """
    def responses(self) -> list[Response]:
        ...
    def risk_flags(self, open_only: bool = False) -> list[RiskFlag]:
        """
        Clinical risk flags (list of RiskFlag, by id); open_only: not acknowledged and named by no concern.
        """
    def receive_referral(self, item: typing.Any) -> dict:
        """
        Receive a referral at the single point of access, untriaged (dict or JSON text in the inbox item schema); the triage rules' proposal is recorded on it. Returns the stored item as a dict.
        """
    def triage(self, inbox_id: str, *, route: typing.Any, decided_by: str, decided_at: datetime.datetime, offer_id: str = '', referral_id: str = '', preferred_modality: typing.Any = None, not_accepted_reason: str = '') -> dict:
        """
        A named person triages an inbox item to a route; a coaching route opens a referral on offer_id in the same transaction. Returns the stored item.
        """
    def record_first_contact(self, inbox_id: str, at: datetime.datetime) -> dict:
        """
        Record when social prescribing or care coordination first contacted the person. Returns the stored item.
        """
    def inbox_item(self, inbox_id: str) -> dict:
        """
        One inbox item as a dict; NotFoundError.
        """
    def inbox(self, untriaged_only: bool = False) -> typing.Any:
        """
        The inbox as a pandas DataFrame, oldest first; untriaged_only: the items awaiting triage.
        """
    def propose_route(self, inbox_id: str) -> dict:
        """
        What the current triage rules propose for an item: {'route', 'rule'}.
        """
    def set_triage_rules(self, rules: typing.Any) -> None:
        """
        Replace the triage rules with a rules document (dict or JSON text; docs/triage.md).
        """
    def triage_rules(self) -> dict:
        """
        The current triage rules document as a dict.
        """
    def register_instrument(self, definition: typing.Any) -> typing.Any:
        """
        Register a questionnaire of the programme's own from its definition (dict or JSON text, schema_version 1; docs/instruments.md): stored with the programme, used by add_response, evaluate and the report. Returns the definition as stored (a dict; 'primary' filled in when the only scale is primary). Registering an identical definition again is a no-op. ParseError (field = the JSON pointer: a repeated or unknown key, a bad value), ValidationError ('primary' 'primary_scale_required': several scales and no primary), ConflictError ('id': 'unique_instrument_id' for a built-in's id, 'instrument_immutable' for another definition under a registered id).
        """
    def instruments(self) -> list:
        """
        The programme's own questionnaires (register_instrument) as definition dicts, by id; the built-ins are laycoach.instruments().
        """
    def instrument(self, instrument_id: str) -> typing.Any:
        """
        The definition (a dict) of the instrument the programme means by an id: its own, else a built-in (ids ignore case). NotFoundError ('instrument_id').
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
        ...
    def sessions(self) -> list[Session]:
        ...
    def sessions_of_coach(self, coach_id: str) -> list[Session]:
        ...
    def set_goal_attainment(self, goal_id: str, attainment: GoalAttainment, viewer: Viewer) -> None:
        ...
    def supervisee_caseloads(self, viewer: Viewer, on: datetime.date) -> list[SuperviseeCaseload]:
        """
        Caseload metadata on a date: a supervisor's supervisees (the service manager: every coach); ForbiddenError for any other audience.
        """
    def summary(self, viewer: Viewer | None = None, policy: SuppressionPolicy | None = None) -> ActivitySummary:
        """
        Activity counts for an audience (default: public, the least privileged); disclosure-controlled for employer, commissioner, public.
        """
    def import_frames(self, frames: typing.Any) -> typing.Any:
        """
        Add your own data: {table: pandas.DataFrame} with the tables and columns of docs/store.md (what laycoach.frame() gives), all or nothing in one store transaction, each record judged by the rule of its kind. See laycoach.import_frames and docs/own-data.md.
        """
    def import_records(self, document: str) -> None:
        """
        Add the records of a programme document (JSON text, the to_json() format) to those held, all or nothing in one store transaction; the first bad record raises its error with field = its JSON pointer ("/sessions/17/coach_id").
        """
    def extract(self, table: str, recipient: str, arrow: bool = False) -> dict:
        """
        A pseudonymised extract of one table for `recipient`, as table() gives it, every id of a person or of a record of one replaced by its keyed pseudonym (docs/extracts.md); laycoach.extract() gives DataFrames.
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
        to_fhir as compact JSON text (to send to a FHIR server or write to a file).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The whole programme as a document (operator's view, confidential notes included).
        """
    def add_usage_wave(self, wave: typing.Any) -> None:
        """
        Add a wave (id, weeks 1..520) to the usage survey's schedule; ConflictError unique_wave_weeks.
        """
    def usage_waves(self) -> list[UsageWave]:
        """
        The usage survey's waves, by weeks.
        """
    def schedule_usage_invitations(self, on: datetime.date) -> list[UsageInvitation]:
        """
        Create the invitations due on or before a date (one per person on the training register per wave); idempotent; returns those created.
        """
    def usage_invitations_due(self, on: datetime.date) -> list[UsageInvitation]:
        """
        Invitations due on or before a date and not yet sent, for the host to send.
        """
    def usage_invitations(self) -> list[UsageInvitation]:
        """
        Every usage invitation, by id.
        """
    def mark_usage_invitations_sent(self, ids: collections.abc.Sequence[str], at: datetime.datetime) -> None:
        """
        Mark invitations sent at an aware datetime, all or nothing (ConflictError send_once).
        """
    def record_usage_response(self, invitation_id: str, answers: collections.abc.Sequence[int | None], at: datetime.datetime) -> Score:
        """
        Record the answers (coaching_skills_usage items, None = unanswered) to a sent invitation; returns the Score (flag 'practising').
        """
    def add_skill_share_session(self, session: typing.Any) -> None:
        """
        Add a skill-share session; attendees must be on the training register.
        """
    def skill_share_sessions(self) -> list[SkillShareSession]:
        """
        Every skill-share session, by date then id.
        """
    def practice_register(self) -> list[PractitionerStatus]:
        """
        The register of who practises: one PractitionerStatus per person on the training register.
        """
    def training_register(self) -> list[TrainedPerson]:
        ...
    def update_coach(self, coach: typing.Any) -> None:
        ...
    def verify_access_log(self) -> AccessLogCheck:
        """
        Recompute the access log's hash chain: an AccessLogCheck (intact, or first_broken seq and problem).
        """
    @property
    def catalogue(self) -> Catalogue:
        ...
    @property
    def client_count(self) -> int:
        ...
class ScaleScore:
    """
    The score of one scale of an instrument.
    """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def to_dict(self) -> dict:
        """
        the scale score as a dict
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
    def to_frame(self) -> typing.Any:
        """
        A tidy DataFrame: one row per scale (instrument_id, scale, raw, score, band).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def scale(self, name: str) -> typing.Any:
        """
        the named ScaleScore, or None
        """
    def to_dict(self) -> dict:
        """
        the score as a plain dict
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
    def risk_flags(self) -> list[str]:
        """
        the clinical risk flags among flags (item rules marked risk), e.g. ['self_harm_risk']
        """
    @property
    def n_missing(self) -> int:
        """
        number of unanswered items
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
    Wilson intervals over the same groups. audience=None gives exact figures (the caller holds the
    records); an employer/commissioner/public audience applies disclosure control under policy
    (SuppressionPolicy or {"min_count": 8, "round_to": 5}). Returns a laycoach.report.Report.
    The GIL is released while the engine runs.
    """
def evaluate_json(programme: Programme, options_json: str = '', indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
    """
    The evaluation report of a programme as a JSON document; options as the C API's lc_programme_evaluate.
    """
def evaluation_report_csv(report_json: str) -> dict[str, str]:
    """
    The tables of an evaluation report document as RFC 4180 CSV texts {name: text} (C++ evaluation_report_csv): the figures the document releases, "*" where withheld. Raises ParseError for a document that is not an evaluation report.
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
    ...
def read_store_table(path: str, name: str, arrow: bool = False) -> dict:
    """
    One table read straight from a store file (read-only SQLite, no programme loaded), in the shape of Programme.table(); laycoach.read_table() makes it a DataFrame.
    """
def store_schema_markdown() -> str:
    """
    The SQLite tables documented as Markdown.
    """
def table_columns_info(name: str) -> list:
    """
    The columns of a table as a list of dicts: name, kind (as table_column_kinds), enumeration (the enum type a text column holds, e.g. 'SessionStatus'; '' for an open vocabulary such as a staff group; None otherwise) and categories (every value of the enumeration in its order; [] when open or none). Raises NotFoundError / ForbiddenError as Programme.table.
    """
def table_column_kinds(name: str) -> dict:
    """
    What each column of a table holds: text, integer, real, boolean, instant (ISO 8601 UTC) or date.
    """
def analyst_tables() -> list[str]:
    """
    The tables analysts may read and extracts may hold: every table but the confidential notes and goals.
    """
def tables() -> list[str]:
    """
    Names of the store's tables (programme.table(name) returns one as columns).
    """
def from_uk_local(local: datetime.datetime, later_if_ambiguous: bool = False) -> datetime.datetime | None:
    """
    The UTC instant of a naive UK wall-clock reading; None when the reading is skipped by the spring change; for the repeated autumn hour the earlier (BST) instant unless later_if_ambiguous.
    """
def to_uk_local(instant: datetime.datetime) -> datetime.datetime:
    """
    UK wall-clock time (GMT or BST) of an aware instant, as a naive datetime: a local reading has no zone.
    """
__version__: str = '0.1.0'
def _import_columns(programme: Programme, tables: dict) -> None:
    """
    Import tables given as {table: {column: numpy array or (values, mask)}} into the programme, all or nothing in one store transaction (laycoach.importing.import_frames builds them from DataFrames).
    """
