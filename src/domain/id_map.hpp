// Internal: IdMap, a string-keyed hash map with stable entries and two dependent cache misses
// a cold lookup (the domain's busy entries, the booking engine's referrals). Private to src/.
#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace laycoach {

/// A map from string id to T for ids looked up cold on a hot path: the subset of
/// std::unordered_map<std::string, T> its users need (find, operator[], iteration, size, clear;
/// entries are never erased one by one), as an open-addressing table of (hash, node) slots with
/// linear probing, at most half full. Each entry is its own node that never moves (references
/// stay valid until clear), so a lookup reads one slot and the node: two dependent cache misses
/// for a cold id, where std::unordered_map reads its bucket, the node before the bucket's first,
/// and the node. hash(), prefetch() and prefetch_node() let a caller start those loads early and
/// overlap them with other work. Iteration order is unspecified. (Nodes are plain allocations:
/// 64-byte aligned ones went through memalign and made 40,000 bookings slower, not faster.)
template <class T>
class IdMap {
 public:
  using value_type = std::pair<const std::string, T>;

 private:
  struct Node {
    value_type kv;
  };
  struct Slot {
    std::size_t hash = 0;
    Node* node = nullptr;  ///< nullptr: empty
  };

 public:
  /// A forward iterator over the entries (slots skipped when empty).
  template <bool Const>
  class Iter {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = IdMap::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, const value_type&, value_type&>;
    using pointer = std::conditional_t<Const, const value_type*, value_type*>;
    Iter() = default;
    Iter(const Slot* at, const Slot* end) : at_(at), end_(end) {}
    template <bool C = Const, class = std::enable_if_t<C>>
    Iter(const Iter<false>& o) : at_(o.at_), end_(o.end_) {}  // NOLINT: iterator -> const_iterator
    reference operator*() const { return at_->node->kv; }
    pointer operator->() const { return &at_->node->kv; }
    Iter& operator++() {
      ++at_;
      skip();
      return *this;
    }
    Iter operator++(int) {
      Iter old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const Iter& a, const Iter& b) { return a.at_ == b.at_; }

   private:
    friend class IdMap;
    friend class Iter<!Const>;
    void skip() {
      while (at_ != end_ && !at_->node) ++at_;
    }
    const Slot* at_ = nullptr;
    const Slot* end_ = nullptr;
  };
  using iterator = Iter<false>;
  using const_iterator = Iter<true>;

  IdMap() = default;
  IdMap(IdMap&& o) noexcept : slots_(std::move(o.slots_)), size_(o.size_) { o.size_ = 0; }
  IdMap& operator=(IdMap&& o) noexcept {
    if (this != &o) {
      clear();
      slots_ = std::move(o.slots_);
      size_ = o.size_;
      o.slots_.clear();
      o.size_ = 0;
    }
    return *this;
  }
  IdMap(const IdMap&) = delete;
  IdMap& operator=(const IdMap&) = delete;
  ~IdMap() { clear(); }

  iterator begin() { return first<false>(); }
  iterator end() { return {slot_end(), slot_end()}; }
  const_iterator begin() const { return first<true>(); }
  const_iterator end() const { return {slot_end(), slot_end()}; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  /// The hash find and operator[] use for `id`.
  static std::size_t hash(const std::string& id) noexcept { return std::hash<std::string>{}(id); }
  /// Start loading the slot where a lookup of an id with hash `h` begins (no effect on the map).
  void prefetch(std::size_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  /// Start loading the node of the first slot a lookup of hash `h` reads (when the slot's load
  /// has been started with prefetch(h), this waits for it; no effect on the map).
  void prefetch_node(std::size_t h) const noexcept {
    if (slots_.empty()) return;
    const Slot& s = slots_[h & (slots_.size() - 1)];
    if (s.node)
      for (std::size_t at = 0; at < sizeof(Node); at += 64) __builtin_prefetch(reinterpret_cast<const char*>(s.node) + at);
  }
  /// The entry of `id`, or end().
  iterator find(const std::string& id) {
    const Slot* s = lookup(id, std::hash<std::string>{}(id));
    return s ? iterator(s, slot_end()) : end();
  }
  const_iterator find(const std::string& id) const { return find(id, hash(id)); }
  /// The same, with the id's hash(id) computed already.
  const_iterator find(const std::string& id, std::size_t h) const {
    const Slot* s = lookup(id, h);
    return s ? const_iterator(s, slot_end()) : end();
  }
  /// The entry of `id`, added empty when there is none (may rehash: iterators, not entries, are invalidated).
  T& operator[](const std::string& id) {
    const std::size_t h = std::hash<std::string>{}(id);
    if (const Slot* s = lookup(id, h)) return s->node->kv.second;
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::unique_ptr<Node> node(new Node{value_type(std::piecewise_construct, std::forward_as_tuple(id), std::forward_as_tuple())});
    Slot& s = free_slot(h);
    s.hash = h;
    s.node = node.release();
    ++size_;
    return s.node->kv.second;
  }
  /// Room for `n` entries without a rehash.
  void reserve(std::size_t n) {
    std::size_t want = 16;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) rehash(want);
  }
  /// Remove every entry.
  void clear() noexcept {
    for (Slot& s : slots_) delete s.node;
    slots_.clear();
    size_ = 0;
  }

 private:
  const Slot* slot_end() const noexcept { return slots_.data() + slots_.size(); }
  template <bool Const>
  Iter<Const> first() const {
    Iter<Const> it(slots_.data(), slot_end());
    it.skip();
    return it;
  }
  const Slot* lookup(const std::string& id, std::size_t h) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.node) return nullptr;
      if (s.hash == h && s.node->kv.first == id) return &s;
    }
  }
  Slot& free_slot(std::size_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].node) i = (i + 1) & mask;
    return slots_[i];
  }
  void grow() { rehash(slots_.empty() ? 16 : 2 * slots_.size()); }
  void rehash(std::size_t n) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(n));
    for (const Slot& s : old)
      if (s.node) free_slot(s.hash) = s;
  }
  std::vector<Slot> slots_;  ///< a power of two in size (or empty)
  std::size_t size_ = 0;
};

}  // namespace laycoach
