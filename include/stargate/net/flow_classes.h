#pragma once
// Max-min fairness over classes of equivalent flows (symmetry reduction, as flow-level simulators of large fabrics
// do): when every link of a link class carries the same number of flows of each flow class, and the flows of a
// class have equal bytes and cross the same link classes, progressive filling treats all links of a class alike
// and gives all flows of a class one rate. Solving on the class graph, where a link's load is
// Σ (flows of class F per link) × rate(F), then yields exactly the per-flow solution (flow_model.h) with one
// unknown per class instead of one per flow.
#include <utility>
#include <vector>

namespace stargate::net {

struct LinkClass {
  double bytes_per_s = 0;  // capacity of each link of the class, one direction
  double links = 0;        // how many links the class stands for (for byte accounting only)
};

struct FlowClass {
  double flows = 0;  // how many flows the class stands for
  double bytes = 0;  // bytes of each flow
  // (link class, flows of this class crossing each link of that class): the class's load on its links.
  std::vector<std::pair<int, double>> load;
};

struct ClassFlowSet {
  std::vector<LinkClass> links;
  std::vector<FlowClass> classes;

  double flows() const {
    double n = 0;
    for (const FlowClass& c : classes) n += c.flows;
    return n;
  }
};

struct ClassFlowOutcome {
  std::vector<double> finish_seconds;   // per flow class: when each of its flows finishes
  std::vector<double> link_bytes;       // per link class: bytes each link of the class carried
  int rate_updates = 0;                 // times rates were recomputed (completion events)
};

// Contract: every class with bytes > 0 loads at least one link class of capacity > 0 with a positive count; link
// indices are valid. Classes of 0 bytes finish at 0. Same filling order and tolerances as solve_max_min, so on a
// symmetric flow set the finish times agree with it to rounding.
ClassFlowOutcome solve_max_min_classes(const ClassFlowSet& set);

}  // namespace stargate::net
