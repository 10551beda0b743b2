// Internal: an allocator that puts large arrays in 2 MiB pages, for the few big, long-lived,
// randomly read arrays of the booking kernel and the simulation (the rota index, the diary's
// cells). With 4 KiB pages, a search that reads a few cache lines scattered over megabytes
// misses the TLB on most of them; a 2 MiB page covers 512 times as much. An allocation of at
// least kHugeMin bytes is mapped on its own, 2 MiB-aligned and rounded up to whole 2 MiB pages,
// and madvise(MADV_HUGEPAGE) asks the kernel for huge pages before anything touches it (Linux
// with transparent huge pages in mode "always" or "madvise"); smaller ones, and every one
// elsewhere, come from operator new. Only the memory's pages change, never its contents.
// Private to src/.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace laycoach::huge_pages {

/// Size of a huge page, bytes.
inline constexpr std::size_t kHugePage = std::size_t{2} << 20;
/// Smallest allocation that goes to huge pages, bytes (below it, at most half a page is spare).
inline constexpr std::size_t kHugeMin = std::size_t{1} << 20;

/// `bytes` (>= kHugeMin) of zeroed memory, 2 MiB-aligned, in pages advised huge where the system
/// can; std::bad_alloc when out of memory.
void* allocate(std::size_t bytes);
/// Give back what allocate(bytes) returned (the same `bytes`). Never throws.
void deallocate(void* p, std::size_t bytes) noexcept;
/// Did the system accept the huge-page advice for memory from allocate? (False off Linux, or
/// when transparent huge pages are off.)
bool advised() noexcept;

/// A standard allocator: allocations of kHugeMin bytes or more by allocate(), the others by
/// operator new (stateless: any two compare equal).
template <class T>
struct Allocator {
  using value_type = T;
  Allocator() noexcept = default;
  template <class U>
  Allocator(const Allocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= kHugeMin) return static_cast<T*>(huge_pages::allocate(bytes));
    return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= kHugeMin) huge_pages::deallocate(p, bytes);
    else ::operator delete(p, bytes, std::align_val_t{alignof(T)});
  }
  template <class U>
  bool operator==(const Allocator<U>&) const noexcept { return true; }
};

/// A vector whose storage goes to huge pages once it is large.
template <class T>
using vector = std::vector<T, Allocator<T>>;

}  // namespace laycoach::huge_pages
