// JSON of usage tracking (usage.hpp): the survey's waves, invitations with their answers,
// skill-share sessions and the register of who practises. Field names here are the store's too.
#include "json_io.hpp"
#include "json_keys.hpp"
#include "laycoach/json.hpp"
#include "laycoach/usage.hpp"

namespace laycoach::jsonio {

// Read and written from their key lists (json_keys.hpp).
LC_KEYED_IO(UsageWave)
LC_KEYED_IO(UsageInvitation)
LC_KEYED_IO(SkillShareSession)
LC_KEYED_IO(PractitionerStatus)

}  // namespace laycoach::jsonio

namespace laycoach {

std::vector<std::string> strings_from_json(std::string_view doc, const std::string& record) {
  const jsonio::Json j = jsonio::parse_text(doc, record);
  if (!j.is_array()) throw ParseError(record, "", "expected a JSON array of strings");
  std::vector<std::string> out(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) jsonio::read(j[i], "/" + std::to_string(i), record, out[i]);
  return out;
}

}  // namespace laycoach
