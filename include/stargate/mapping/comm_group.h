#pragma once
// Where a communicator's ranks sit: the one fact about placement that the collective cost models need.

namespace stargate {

// `size` ranks, of which `ranks_per_domain` share one scale-up (NVLink) domain; the group spans
// size / ranks_per_domain domains joined by the scale-out fabric.
struct CommGroup {
  int size = 1;
  int ranks_per_domain = 1;
  int domains() const { return (size + ranks_per_domain - 1) / ranks_per_domain; }
};

}  // namespace stargate
