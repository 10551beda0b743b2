// A programme's own questionnaires (Programme::register_instrument, docs/instruments.md): the
// rule that admits one and the Programme calls. Definitions are validated and scored by the
// instrument library (Instrument), never here; the lookup add_response and evaluation share is
// find_instrument (instrument.hpp).
#include "laycoach/instrument.hpp"
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

Instrument Programme::Impl::check_instrument(const RegisteredInstrument& x, bool is_new) const {
  Instrument ins = Instrument::from_json(x.definition);  // ParseError / ValidationError naming the definition
  if (ins.id() != x.id)
    throw ValidationError(x.id, "id", "instrument_id_matches"_rule,
                          "a registered instrument's id is its definition's id ('" + ins.id() + "')");
  if (InstrumentLibrary::builtin().contains(ins.id()))
    throw ConflictError(ins.id(), "id", "unique_instrument_id"_rule,
                        "'" + ins.id() + "' is a built-in instrument; give the programme's own another id");
  if (is_new)
    if (auto it = instruments.find(instrument_key(ins.id())); it != instruments.end())
      throw ConflictError(ins.id(), "id", "instrument_immutable"_rule,
                          "this programme registered another definition as '" + it->second.id() +
                              "'; a registered instrument never changes (responses were scored by it): use a new id");
  return ins;
}

Instrument Programme::register_instrument(const InstrumentDef& def) {
  const Instrument compiled(def);  // validated before any lock is taken
  auto lock = impl_->write();
  const RegisteredInstrument x{compiled.id(), compiled.to_json()};
  // Idempotent: the same definition again (a script run twice) is the instrument already held.
  if (auto it = impl_->instruments.find(instrument_key(x.id));
      it != impl_->instruments.end() && it->second.id() == x.id && it->second.to_json() == x.definition)
    return it->second;
  Instrument ins = impl_->check_instrument(x, true);
  ChangeSet cs;
  cs.upserts.instruments.push_back(x);
  impl_->commit(std::move(cs));
  return ins;
}

Instrument Programme::register_instrument_json(std::string_view definition_json) {
  return register_instrument(Instrument::from_json(definition_json).definition());
}

std::vector<Instrument> Programme::instruments() const {
  auto lock = impl_->read();
  std::vector<Instrument> out;
  for (const auto& [key, ins] : impl_->instruments) out.push_back(ins);
  return out;
}

Instrument Programme::instrument(std::string_view id) const {
  auto lock = impl_->read();
  if (const Instrument* ins = find_instrument(impl_->instruments, id)) return *ins;
  throw NotFoundError(std::string(id), "instrument_id",
                      "no instrument '" + std::string(id) + "' (neither built in nor registered by this programme)");
}

}  // namespace laycoach
