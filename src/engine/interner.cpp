#include "engine/interner.h"

#include <cstring>

namespace qf::engine {
namespace {

constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;

uint64_t Mix(uint64_t h) {  // the finaliser of MurmurHash3
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

uint64_t Interner::HashOf(std::string_view text) {
  uint64_t h = text.size() * kMul;
  const char* p = text.data();
  size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * kMul;
    h ^= h >> 29;
  }
  if (n > 0) {
    uint64_t word = 0;
    std::memcpy(&word, p, n);
    h = (h ^ word) * kMul;
  }
  return Mix(h);
}

size_t Interner::Probe(std::string_view text, uint32_t tag) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = tag & mask;; i = (i + 1) & mask) {
    uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if (static_cast<uint32_t>(slot >> 32) == tag &&
        values_[static_cast<size_t>(static_cast<uint32_t>(slot) - 1)] == text) {
      return i;
    }
  }
}

void Interner::Rehash(size_t slot_count) {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(slot_count, 0);
  const size_t mask = slot_count - 1;
  for (uint64_t slot : old) {
    if (slot == 0) continue;
    size_t i = (slot >> 32) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void Interner::Reserve(size_t count) {
  size_t want = 16;
  while (want < count * 2) want *= 2;
  if (want > slots_.size()) Rehash(want);
  values_.reserve(count);
}

int32_t Interner::Intern(std::string_view text) {
  if ((values_.size() + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
  uint32_t tag = static_cast<uint32_t>(HashOf(text) >> 32);
  size_t i = Probe(text, tag);
  if (slots_[i] != 0) return static_cast<int32_t>(static_cast<uint32_t>(slots_[i]) - 1);
  auto index = static_cast<int32_t>(values_.size());
  values_.emplace_back(text);
  slots_[i] = (uint64_t{tag} << 32) | (static_cast<uint64_t>(index) + 1);
  return index;
}

int32_t Interner::Find(std::string_view text) const {
  if (slots_.empty()) return -1;
  uint32_t tag = static_cast<uint32_t>(HashOf(text) >> 32);
  uint64_t slot = slots_[Probe(text, tag)];
  return slot == 0 ? -1 : static_cast<int32_t>(static_cast<uint32_t>(slot) - 1);
}

}  // namespace qf::engine
