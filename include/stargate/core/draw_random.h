#pragma once
// Counter-based random numbers for Monte Carlo: the uniform of input k in draw i is a pure function of
// (seed, i, k) — a SplitMix64 hash chain — so a draw's values never depend on which thread or MPI rank computes
// it, nor on how many there are.
#include <cstdint>

namespace stargate {

// SplitMix64's finalizer (Steele, Lea and Flood 2014): a bijective 64-bit mix.
constexpr uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in the open interval (0, 1): 53 random bits, centred in their cell so 0 and 1 never occur.
constexpr double draw_uniform(uint64_t seed, uint64_t draw, uint64_t input) {
  const uint64_t h = splitmix64(splitmix64(splitmix64(seed) ^ draw) ^ (input * 0xd1b54a32d192ed03ULL));
  return (static_cast<double>(h >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace stargate
