#pragma once
// The one cost model: what one GPU-hour of a catalog card costs its owner (docs/cost.md).
//   $/GPU-hour = capital recovery of the all-in IT price per GPU (annuity at the cost of capital over the IT life)
//              + capital recovery of the facility share (IT watts per GPU × capex per W, over the facility life)
//              + energy (IT watts per GPU × utilization × PUE × electricity price).
// serve, search and plan all price GPU time through it (plan through the same finance functions, with the fleet
// scenario's own prices and sites), so the same card under the same assumptions costs the same everywhere.
#include "stargate/catalog/cluster.h"
#include "stargate/cost/gpu_hour_cost.h"
#include "stargate/cost/cost_assumptions.h"

namespace stargate {

// What one installed GPU costs to buy and draws, all-in.
struct GpuCostInputs {
  double it_capex_usd = 0;  // GPU, host share, rack, scale-out network and storage share
  double it_watts = 0;      // nameplate IT power per GPU incl. host and in-node switches
};

// From the node preset: node price / GPUs per node / (1 − network share − storage share), node power / GPUs per
// node. A node without a price uses the accelerator's catalog price (mid of low/high) × server_price_multiplier;
// one without a power uses the accelerator's TDP × server_power_multiplier.
GpuCostInputs gpu_cost_inputs(const NodeSpec& node, const AcceleratorSpec& accelerator, const CostAssumptions& a);

// The parts and total of one GPU-hour for `inputs` under `a`.
GpuHourCost gpu_hour_cost(const GpuCostInputs& inputs, const CostAssumptions& a);

// Shorthand: gpu_hour_cost(gpu_cost_inputs(cluster.node, cluster.accelerator, a), a).
GpuHourCost gpu_hour_cost(const Cluster& cluster, const CostAssumptions& a);

}  // namespace stargate
