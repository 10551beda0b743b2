"""
The booking engine: slots, booking, cancellations, group places, access figures.
"""
from __future__ import annotations
import datetime
import laycoach._core
import typing
__all__: list[str] = ['AccessFigures', 'MAX_WINDOW_DAYS', 'SLOT_MINUTES', 'Slot', 'accept_place', 'book_series', 'book_series_earliest', 'cancel', 'cancel_place', 'cancel_series', 'check_rules', 'decline_place', 'did_not_attend', 'join', 'join_waiting_list', 'move_series', 'offer_freed_places', 'open_group_sessions', 'prepare', 'refresh', 'reschedule', 'reschedule_earliest', 'series', 'series_starts', 'update_coach', 'waiting_list']
class Slot:
    """
    A feasible slot: a coach at a time (start is an aware UTC datetime).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Slot) -> bool:
        ...
    def __init__(self, coach_id: str, start: datetime.datetime, modality: laycoach._core.Modality | None = None) -> None:
        """
        A slot to book with book_slot.
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
        The slot as a dict (start an aware datetime, modality its name), as book_slot accepts it.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def coach_id(self) -> str:
        """
        The coach free then (str).
        """
    @property
    def coach_week_sessions(self) -> int:
        """
        the coach's sessions that ISO week
        """
    @property
    def end(self) -> datetime.datetime:
        """
        start + minutes (aware datetime, UTC).
        """
    @property
    def favoured(self) -> bool:
        """
        the preferred or continuity coach (ranked first)
        """
    @property
    def minutes(self) -> int:
        """
        Its length in minutes (the offer's session_minutes).
        """
    @property
    def modality(self) -> laycoach._core.Modality:
        """
        How the session would be held (Modality).
        """
    @property
    def start(self) -> datetime.datetime:
        """
        When the slot starts (aware datetime, UTC).
        """
class AccessFigures:
    """
    Access figures for sessions starting in a period: per booking (columns), shares, medians, outcome counts, utilisation per coach (columns).
    """
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def bookings_frame(self) -> typing.Any:
        """
        bookings as a pandas DataFrame, one row per booking, times as aware UTC datetimes.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    def utilisation_frame(self) -> typing.Any:
        """
        utilisation as a pandas DataFrame, one row per coach (minutes; utilisation a share, NaN without rota time).
        """
    @property
    def attended(self) -> int:
        """
        Sessions attended (int).
        """
    @property
    def booked(self) -> int:
        """
        Sessions still booked (no outcome yet) (int).
        """
    @property
    def bookings(self) -> dict:
        """
        Per booking: session_id, offer_id, coach_id, status, requested_at, first_offered, start (datetime64[s], UTC), minutes_to_first_offer, minutes_to_session, offered_within_24h, within_24h, out_of_hours.
        """
    @property
    def cancelled_by_client(self) -> int:
        """
        Sessions cancelled by the client (int).
        """
    @property
    def cancelled_by_coach(self) -> int:
        """
        Sessions cancelled by the coach (int).
        """
    @property
    def client_did_not_attend(self) -> int:
        """
        Sessions the client did not attend (int).
        """
    @property
    def coach_did_not_attend(self) -> int:
        """
        Sessions the coach did not attend (int).
        """
    @property
    def median_minutes_to_first_offer(self) -> float:
        """
        Median minutes from asking to the first slot offered; NaN when unknown for all.
        """
    @property
    def median_minutes_to_session(self) -> float:
        """
        Median minutes from asking to the session's start; NaN when unknown for all.
        """
    @property
    def n_bookings(self) -> int:
        """
        Bookings counted: sessions starting in the period (int; len() of the figures).
        """
    @property
    def overall_utilisation(self) -> float:
        """
        Booked minutes over rota minutes, all coaches (0..1 or more); NaN when no rota time.
        """
    @property
    def share_offered_within_24h(self) -> float:
        """
        Share (0..1) of those first offered a slot within 24 h of asking; NaN when with_request is 0.
        """
    @property
    def share_out_of_hours(self) -> float:
        """
        Share (0..1) of all bookings outside office hours (UK local time); NaN when there are none.
        """
    @property
    def share_within_24h(self) -> float:
        """
        Share (0..1) of those whose session started within 24 h of asking; NaN when with_request is 0.
        """
    @property
    def utilisation(self) -> dict:
        """
        Per coach: coach_id, booked_minutes, rota_minutes, utilisation (NaN without rota time).
        """
    @property
    def with_request(self) -> int:
        """
        Bookings whose requested_at is known: the denominator of the 24-hour shares (int).
        """
def accept_place(programme: laycoach._core.Programme, wait_id: str) -> laycoach._core.Session:
    """
    Accept an offered place: join, entry JOINED, one transaction.
    """
def book_series(programme: laycoach._core.Programme, client_id: typing.Any, *, first_start: typing.Any, count: typing.Any, repeat: typing.Any = 'weekly', every: typing.Any = 1, coach_id: typing.Any = None, offer_id: typing.Any = None, referral_id: typing.Any = None, modality: typing.Any = None, series_id: typing.Any = None, now: typing.Any = None, requested_at: typing.Any = None, adjustments: typing.Any = None, override_by: typing.Any = None, override_reason: typing.Any = None) -> list[laycoach._core.Session]:
    """
    Book a series whole (count sessions, repeat 'weekly' every k weeks or 'daily' every k days, the same UK local time of day) with one coach (default: the referral's continuity coach), all or nothing in one transaction; each occurrence passes the booking rules as if the earlier ones were booked. The referral's agreed number of sessions is honoured unless override_by and override_reason name a manager and why. An error about occurrence i has record = the series id and field 'occurrences/<i>/...'. Returns the Sessions by occurrence.
    """
def book_series_earliest(programme: laycoach._core.Programme, client_id: typing.Any, *, count: typing.Any, earliest: typing.Any = None, latest: typing.Any = None, times_of_day: typing.Any = None, weekdays: typing.Any = None, repeat: typing.Any = 'weekly', every: typing.Any = 1, coach_id: typing.Any = None, offer_id: typing.Any = None, referral_id: typing.Any = None, modality: typing.Any = None, series_id: typing.Any = None, now: typing.Any = None, override_by: typing.Any = None, override_reason: typing.Any = None) -> list[laycoach._core.Session]:
    """
    Book a series at the earliest first start in [earliest, latest] (times_of_day, weekdays) for which all of it fits with its coach; ConflictError 'no_series_available' when none does. Returns the Sessions.
    """
def cancel(programme: laycoach._core.Programme, session_id: str, by: str = 'client') -> laycoach._core.Session:
    """
    Cancel a booked session by 'client' or 'coach'; the slot is free again at once. Returns the Session.
    """
def cancel_place(programme: laycoach._core.Programme, session_id: str, client_id: str, now: datetime.datetime = None) -> laycoach._core.Session:
    """
    A client gives up a group place; the freed place is offered to the waiting list. Returns the Session.
    """
def cancel_series(programme: laycoach._core.Programme, series_id: str, from_index: typing.SupportsInt | typing.SupportsIndex = 0, *, since: datetime.datetime = None, by: str = 'client') -> list[laycoach._core.Session]:
    """
    Cancel every still-booked session of a series from occurrence from_index (or starting at or after `since`) by 'client' or 'coach', in one transaction. Returns the Sessions cancelled.
    """
def check_rules(programme: laycoach._core.Programme, session: typing.Any, now: datetime.datetime = None, ignore_id: str | None = None) -> None:
    """
    The engine's own rules for a session (rota, buffer, daily/weekly caps, notice); raises on a breach.
    """
def decline_place(programme: laycoach._core.Programme, wait_id: str, now: datetime.datetime = None) -> laycoach._core.WaitingListEntry | None:
    """
    Decline (or leave the list): the entry is WITHDRAWN and a place it held goes to the next; returns that entry or None.
    """
def did_not_attend(programme: laycoach._core.Programme, session_id: str, who: str = 'client') -> laycoach._core.Session:
    """
    Record that the 'client' or the 'coach' did not attend (different outcomes, counted separately).
    """
def join(programme: laycoach._core.Programme, session_id: str, client_id: str, referral_id: str | None = None) -> laycoach._core.Session:
    """
    Join a group/team session; ConflictError 'group_capacity' when full, 'place_offered_to_waiting_list' when its free places are held for the waiting list.
    """
def join_waiting_list(programme: laycoach._core.Programme, session_id: str, client_id: str, referral_id: str | None = None, now: datetime.datetime = None, id: str | None = None) -> laycoach._core.WaitingListEntry:
    """
    Put a client on a full session's waiting list (ConflictError 'place_available' if a place is free).
    """
def move_series(programme: laycoach._core.Programme, series_id: str, from_index: typing.SupportsInt | typing.SupportsIndex, new_first_start: datetime.datetime, now: datetime.datetime = None) -> list[laycoach._core.Session]:
    """
    Move the still-booked rest of a series (occurrence >= from_index): the first to new_first_start, the others by the same number of UK local days as before at its local time of day; all or nothing, the old ones RESCHEDULED, one transaction. Returns the new Sessions.
    """
def offer_freed_places(programme: laycoach._core.Programme, session_id: str, now: datetime.datetime = None) -> list[laycoach._core.WaitingListEntry]:
    """
    Offer each free place to the earliest waiting entry (status OFFERED); returns the entries offered now.
    """
def open_group_sessions(programme: laycoach._core.Programme, client_id: str, offer_id: str | None = None, *, referral_id: str | None = None, modality: laycoach._core.Modality | None = None, earliest: datetime.datetime = None, latest: datetime.datetime = None, now: datetime.datetime = None, preferred_coach: str | None = None, preferred_coach_only: bool = False, continuity: bool = True, times_of_day: typing.Any = None, weekdays: typing.Any = None, reschedule_of: str | None = None, max_results: typing.SupportsInt | typing.SupportsIndex = 5) -> list[laycoach._core.Session]:
    """
    Booked group/team sessions of the offer in the window with a place the client can take, by start.
    """
def prepare(programme: laycoach._core.Programme, start: datetime.datetime, end: datetime.datetime) -> None:
    """
    Build the search indexes for a period in advance.
    """
def refresh(programme: laycoach._core.Programme) -> None:
    """
    Rebuild the search indexes (after Programme.update_coach).
    """
def reschedule(programme: laycoach._core.Programme, session_id: str, start: datetime.datetime, now: datetime.datetime = None, new_id: str | None = None) -> laycoach._core.Session:
    """
    Move a booked session to start with the same coach (every rule, as if the old slot were free); the old one becomes RESCHEDULED in the same transaction. Returns the new Session.
    """
def reschedule_earliest(programme: laycoach._core.Programme, session_id: str, *, earliest: datetime.datetime = None, latest: datetime.datetime = None, now: datetime.datetime = None, times_of_day: typing.Any = None, weekdays: typing.Any = None, continuity: bool = True, new_id: str | None = None) -> laycoach._core.Session:
    """
    Move a booked session to the best slot (the same coach first unless continuity=False). Returns the new Session.
    """
def series(programme: laycoach._core.Programme, series_id: str) -> list[laycoach._core.Session]:
    """
    The sessions of a series (every status, moved ones included), by occurrence then start.
    """
def series_starts(first_start: datetime.datetime, count: typing.SupportsInt | typing.SupportsIndex, repeat: str = 'weekly', every: typing.SupportsInt | typing.SupportsIndex = 1) -> list[datetime.datetime]:
    """
    The starts of a series: first_start's UK local date plus i weeks (or days) times every, at its local time of day.
    """
def update_coach(programme: laycoach._core.Programme, coach: typing.Any) -> None:
    """
    Programme.update_coach, then refresh.
    """
def waiting_list(programme: laycoach._core.Programme, session_id: str) -> list[laycoach._core.WaitingListEntry]:
    """
    A session's waiting list in order of service (added_at, then id).
    """
MAX_WINDOW_DAYS: int = 732
SLOT_MINUTES: int = 15
