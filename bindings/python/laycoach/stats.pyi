# Type stub: laycoach.stats re-exports the compiled laycoach._core.stats.
from ._core.stats import *  # noqa: F401,F403
