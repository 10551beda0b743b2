#pragma once
/// \file laycoach.hpp
/// Every public header of laycoach. Prefer the one-concept headers in library code; this is
/// for applications and notebooks-in-C++ that want everything.

#include "laycoach/access_log.hpp"
#include "laycoach/audience.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/caseload.hpp"
#include "laycoach/catalogue.hpp"
#include "laycoach/csv.hpp"
#include "laycoach/client.hpp"
#include "laycoach/coach.hpp"
#include "laycoach/disclosure.hpp"
#include "laycoach/document.hpp"
#include "laycoach/error.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/limits.hpp"
#include "laycoach/organisation.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/response.hpp"
#include "laycoach/session.hpp"
#include "laycoach/stats.hpp"
#include "laycoach/store.hpp"
#include "laycoach/supervision.hpp"
#include "laycoach/time.hpp"
#include "laycoach/training.hpp"
#include "laycoach/version.hpp"
