# Type stub: laycoach.stats re-exports the compiled laycoach._core.stats and adds the wrappers
# that turn group and arm columns of any labels into codes.
from typing import Any, Optional

from ._core.stats import *  # noqa: F401,F403
from ._core.stats import Ancova, ArmComparison

def ancova(before: Any, after: Any, group: Optional[Any] = None, reference: Optional[Any] = None,
           confidence: float = 0.95, nan_policy: str = "propagate") -> Ancova: ...
def compare_arms(before: Any, after: Any, arm: Any, reference: Optional[Any] = None,
                 confidence: float = 0.95, nan_policy: str = "propagate") -> ArmComparison: ...
