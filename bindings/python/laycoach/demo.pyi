# Type stub: laycoach.demo re-exports the compiled laycoach._core.demo.
from ._core.demo import *  # noqa: F401,F403
