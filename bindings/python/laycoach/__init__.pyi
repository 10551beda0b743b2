"""
laycoach: run and evaluate confidential coaching for health and care staff and
health-and-wellbeing coaching in GP primary care.

The rules live in the compiled core (``laycoach._core``, the same C++ that the C API calls);
this package adds what is naturally Python: DataFrames, plots and the ``laycoach`` command.

    >>> import laycoach
    >>> p = laycoach.Programme()                     # default catalogue, in memory
    >>> p = laycoach.open("service.sqlite", mode="c")  # or the embedded SQLite store ("c" creates it;
    >>> p = laycoach.open("service.sqlite")            # the default "w" opens an existing one; "r" reads)
    >>> laycoach.frame(p, "sessions")                  # a table as a pandas DataFrame

Errors are ``laycoach.Error`` subclasses carrying ``code``, ``record``, ``field``, ``rule``
and ``detail`` (the same codes as the C API's ``lc_status``).
"""
from __future__ import annotations
import importlib as _importlib
from laycoach._core import AccessLogCheck
from laycoach._core import ActivitySummary
from laycoach._core import Attendee
from laycoach._core import AttendeeStatus
from laycoach._core import Audience
from laycoach._core import Breach
from laycoach._core import CarePlan
from laycoach._core import CarePlanShare
from laycoach._core import Catalogue
from laycoach._core import Client
from laycoach._core import ClientKind
from laycoach._core import Coach
from laycoach._core import Event
from laycoach._core import EventKind
from laycoach._core import Format
from laycoach._core import Goal
from laycoach._core import GoalAttainment
from laycoach._core import Modality
from laycoach._core import Offer
from laycoach._core import OnwardDestination
from laycoach._core import OnwardOutcome
from laycoach._core import OnwardReferral
from laycoach._core import OrgKind
from laycoach._core import Organisation
from laycoach._core import OverdueSupervision
from laycoach._core import PractitionerStatus
from laycoach._core import ProfessionalBody
from laycoach._core import Programme
from laycoach._core import Referral
from laycoach._core import ReferralSource
from laycoach._core import Response
from laycoach._core import RiskFlag
from laycoach._core import SafeguardingCategory
from laycoach._core import SafeguardingConcern
from laycoach._core import ScaleScore
from laycoach._core import Score
from laycoach._core import ServiceKind
from laycoach._core import ServiceLine
from laycoach._core import Session
from laycoach._core import SessionNote
from laycoach._core import SessionStatus
from laycoach._core import SkillShareSession
from laycoach._core import SuperviseeCaseload
from laycoach._core import SupervisionKind
from laycoach._core import SupervisionPolicy
from laycoach._core import SupervisionRecord
from laycoach._core import SuppressionPolicy
from laycoach._core import TimePoint
from laycoach._core import TrainedPerson
from laycoach._core import Trainee
from laycoach._core import TrainingCohort
from laycoach._core import UsageInvitation
from laycoach._core import UsageWave
from laycoach._core import Viewer
from laycoach._core import WaitStatus
from laycoach._core import WaitingListEntry
from laycoach._core import analyst_tables
from laycoach._core import bank_holidays
from laycoach._core import default_catalogue
from laycoach._core import evaluate_columns
from laycoach._core import evaluate_json
from laycoach._core import evaluation_report_csv
from laycoach._core import from_uk_local
from laycoach._core import instrument
from laycoach._core import instruments
from laycoach._core import is_bank_holiday
from laycoach._core import load_instrument
from laycoach._core import nhs_number_canonical
from laycoach._core import nhs_number_display
from laycoach._core import nhs_number_valid
from laycoach._core import pam_level
from laycoach._core import read_store_table
from laycoach._core import score
from laycoach._core import score_many
from laycoach._core import score_recorded
from laycoach._core import sqlite_schema_version
from laycoach._core import store_schema_markdown
from laycoach._core import table_column_kinds
from laycoach._core import table_columns_info
from laycoach._core import tables
from laycoach._core import to_uk_local
from laycoach.frames import extract
from laycoach.frames import frame
from laycoach.frames import frames
from laycoach.frames import practice_register
from laycoach.frames import read_table
from laycoach.importing import import_frames
from laycoach.report import Report
from laycoach.simulation import fit_demand
from laycoach.simulation import simulate
from . import _core
from . import stats
from . import booking
from . import demo
from . import simulation
from . import plots
from . import report
from . import importing
__all__: list = ['AccessLogCheck', 'ActivitySummary', 'Attendee', 'AttendeeStatus', 'Audience', 'Breach', 'BusyError', 'CarePlan', 'CarePlanShare', 'Catalogue', 'Client', 'ClientKind', 'Coach', 'ConflictError', 'Error', 'Event', 'EventKind', 'ForbiddenError', 'Format', 'Goal', 'GoalAttainment', 'InternalError', 'IoError', 'Modality', 'NotFoundError', 'Offer', 'OnwardDestination', 'OnwardOutcome', 'OnwardReferral', 'OrgKind', 'Organisation', 'OverdueSupervision', 'ParseError', 'PractitionerStatus', 'ProfessionalBody', 'Programme', 'Referral', 'ReferralSource', 'Response', 'RiskFlag', 'SafeguardingCategory', 'SafeguardingConcern', 'ScaleScore', 'Score', 'ServiceKind', 'ServiceLine', 'Session', 'SessionNote', 'SessionStatus', 'SkillShareSession', 'SuperviseeCaseload', 'SupervisionKind', 'SupervisionPolicy', 'SupervisionRecord', 'SuppressionPolicy', 'TimePoint', 'TrainedPerson', 'Trainee', 'TrainingCohort', 'UsageInvitation', 'UsageWave', 'ValidationError', 'Viewer', 'WaitStatus', 'WaitingListEntry', 'analyst_tables', 'bank_holidays', 'booking', 'default_catalogue', 'demo', 'evaluate_columns', 'evaluate_json', 'evaluation_report_csv', 'from_uk_local', 'instrument', 'instruments', 'is_bank_holiday', 'load_instrument', 'nhs_number_canonical', 'nhs_number_display', 'nhs_number_valid', 'pam_level', 'read_store_table', 'score', 'score_many', 'score_recorded', 'simulation', 'sqlite_schema_version', 'stats', 'store_schema_markdown', 'table_column_kinds', 'table_columns_info', 'tables', 'to_uk_local', 'stats', 'demo', 'booking', 'plots', 'report', 'Report', 'extract', 'frame', 'frames', 'read_table', 'import_frames', 'simulation', 'simulate', 'fit_demand', 'open', '__version__']
class Error(Exception):
    """
    Base of laycoach errors; .code, .record, .field, .rule, .detail say what broke.
    """
class ValidationError(Error, ValueError):
    """
    A value breaks a rule (range, format, invariant).
    """
class NotFoundError(Error, LookupError):
    """
    A referenced record does not exist.
    """
class ConflictError(Error):
    """
    The change collides with existing state (double booking, duplicate id).
    """
class ForbiddenError(Error, PermissionError):
    """
    The viewer may not see this (confidentiality).
    """
class ParseError(Error, ValueError):
    """
    A document is malformed; .field is the JSON pointer.
    """
class IoError(Error, OSError):
    """
    The store or a file failed.
    """
class InternalError(Error):
    """
    A bug in laycoach.
    """
class BusyError(Error, TimeoutError):
    """
    The store stayed locked by another connection beyond the busy timeout; nothing changed: retry.
    """
def open(path: str, mode: str = 'w', busy_timeout: float = 5.0) -> Programme:
    """
    Open a programme's SQLite store, as ``dbm.open`` does a database.
    
        The default opens an existing store and never creates one, so a mistyped path
        (``open("demo.sqlit")``) raises instead of silently making an empty store; create a new store
        on purpose with ``mode="c"``. As the C API's ``lc_programme_open_ex`` with flags 0.
    
        mode ``"w"`` (the default): read-write, a missing file raises NotFoundError (record = the path,
        field ``path``, rule ``store_exists``) and nothing is created; ``":memory:"`` (always a new
        store, nothing to mistype) opens. ``"c"``: read-write, the file is created (a new store with the
        default catalogue) when missing, an existing one is opened; ``"r"``:
        read-only, every change raises ForbiddenError (rule ``read_only``), and so do the reads that
        are written to the access log before they return (notes, goals, a client record, the access
        log, ``to_json``), because a read-only handle writes nothing. ``busy_timeout`` is how many
        seconds a call waits for another connection's or process's lock before BusyError (as
        ``sqlite3.connect(timeout=...)``). An empty path raises ValidationError (rule
        ``path_required``); ``":memory:"`` is a store in memory (modes ``"w"`` and ``"c"``).
        ``Programme.open`` is the same call with the C++ default, ``"c"``.
        
    """
__version__: str = '0.1.0'
