// Interner: strings to dense indices 0, 1, 2 ... in first-seen order, the snapshot's way of turning
// ID numbers, names, communities and accounts into integers the rules index vectors with.
//
//   Interner ids;
//   ids.Reserve(1'000'000);
//   int32_t p = ids.Intern("110105194912310029");  // 0; the same text again gives 0
//   ids.Find("nobody");                            // kNone (-1)
//   ids.Get(p);                                     // "110105194912310029"
//
// Open addressing with linear probing; each slot holds the text's 32-bit hash tag beside its
// index, so a probe compares strings only when the tags agree. Not thread-safe for Intern; any
// number of threads may call Find / Get on an Interner no one is changing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qf::engine {

class Interner {
 public:
  int32_t Intern(std::string_view text);
  // -1 (kNone) when absent.
  int32_t Find(std::string_view text) const;
  const std::string& Get(int32_t index) const { return values_[static_cast<size_t>(index)]; }
  int32_t size() const { return static_cast<int32_t>(values_.size()); }
  // Makes room for `count` strings in all, so that interning that many does not rehash.
  void Reserve(size_t count);

  // The members as the snapshot file stores them (internal/sealed_io.h): `io(member...)`, for a
  // const Interner when writing and a mutable one when reading.
  template <typename Io, typename Self>
  static void Fields(Io& io, Self& self) {
    io(self.slots_, self.values_);
  }

 private:
  static uint64_t HashOf(std::string_view text);
  // The slot holding `text`, or the empty slot where it would go.
  size_t Probe(std::string_view text, uint32_t tag) const;
  void Rehash(size_t slot_count);

  // (tag << 32) | (index + 1); 0 = empty. Size a power of two, at most half full.
  std::vector<uint64_t> slots_;
  std::vector<std::string> values_;
};

}  // namespace qf::engine
