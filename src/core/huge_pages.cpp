#include "huge_pages.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace laycoach::huge_pages {

namespace {

std::size_t round_up(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

// 1: madvise accepted, 0: refused (no THP), -1: not tried yet.
std::atomic<int> g_advised{-1};

}  // namespace

#if defined(__linux__)

void* allocate(std::size_t bytes) {
  const std::size_t size = round_up(bytes);
  if (size < bytes) throw std::bad_alloc();
  // Map a page more than needed and cut the ends off, so that what is left starts on a 2 MiB
  // boundary (mmap only promises 4 KiB alignment).
  void* raw = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t b = (a + kHugePage - 1) & ~(static_cast<std::uintptr_t>(kHugePage) - 1);
  if (b > a) munmap(raw, b - a);
  if (const std::size_t tail = kHugePage - (b - a)) munmap(reinterpret_cast<void*>(b + size), tail);
  void* p = reinterpret_cast<void*>(b);
#if defined(MADV_HUGEPAGE)
  // Before the first touch, so that the first fault of each 2 MiB already takes a huge page.
  g_advised.store(madvise(p, size, MADV_HUGEPAGE) == 0 ? 1 : 0, std::memory_order_relaxed);
#else
  g_advised.store(0, std::memory_order_relaxed);
#endif
  return p;
}

void deallocate(void* p, std::size_t bytes) noexcept {
  if (p) munmap(p, round_up(bytes));
}

#else

void* allocate(std::size_t bytes) {
  g_advised.store(0, std::memory_order_relaxed);
  void* p = ::operator new(bytes, std::align_val_t{kHugePage});
  std::memset(p, 0, bytes);
  return p;
}

void deallocate(void* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{kHugePage}); }

#endif

bool advised() noexcept {
  if (g_advised.load(std::memory_order_relaxed) < 0) deallocate(allocate(kHugeMin), kHugeMin);
  return g_advised.load(std::memory_order_relaxed) == 1;
}

}  // namespace laycoach::huge_pages
