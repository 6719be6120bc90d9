#pragma once
// Flow-level network model: flows over directed links share capacity max-min fairly (progressive filling,
// Bertsekas & Gallager, Data Networks §6.5.2); rates are recomputed whenever a flow completes (the flow-level
// model of SimGrid's LMM solver, without its TCP corrections).
#include <vector>

namespace stargate::net {

// Flows in structure-of-arrays form: flow i carries bytes[i] over links path_links[path_offsets[i] ..
// path_offsets[i+1]), belongs to collective owner[i], and leaves GPU src[i] for GPU dst[i] (-1: the switch, as
// for NVLink SHARP's one-sided transfers).
struct FlowSet {
  std::vector<int> path_offsets{0};
  std::vector<int> path_links;
  std::vector<double> bytes;
  std::vector<int> owner, src, dst;

  int size() const { return static_cast<int>(bytes.size()); }
  // Closes the flow whose links were appended to path_links since the previous add().
  void add(int owner_id, int src_gpu, int dst_gpu, double flow_bytes) {
    path_offsets.push_back(static_cast<int>(path_links.size()));
    bytes.push_back(flow_bytes);
    owner.push_back(owner_id);
    src.push_back(src_gpu);
    dst.push_back(dst_gpu);
  }
};

struct FlowOutcome {
  std::vector<double> finish_seconds;  // per flow
  std::vector<double> link_bytes;      // bytes each link carried
  int rate_updates = 0;                // times rates were recomputed (completion events)
};

// Contract: capacities > 0 for every link a flow uses; every flow has at least one link and bytes ≥ 0 (a flow of
// 0 bytes finishes at 0). Every flow finishes; the bytes carried over a flow's path equal its bytes.
FlowOutcome solve_max_min(const std::vector<double>& capacity_bytes_per_s, const FlowSet& flows);

}  // namespace stargate::net
