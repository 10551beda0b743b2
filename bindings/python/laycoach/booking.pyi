# Type stub: laycoach.booking re-exports the compiled laycoach._core.booking.
from ._core.booking import *  # noqa: F401,F403
