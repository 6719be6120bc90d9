#pragma once
// Failure rates by component and the interruption rate of one training job that spans a cluster
// (DESIGN.md "Reliability"): a synchronous job stops whenever any component it uses fails, so its rate is the
// sum over components of (units in use) × (failures per unit-hour). Rates are per hour; see docs/reliability.md
// for where every default comes from (facts/datacenter.yaml `reliability:`).
#include <array>
#include <string_view>

namespace stargate {

enum class Component { gpu, hbm, host, nic_link, network_switch, software };
inline constexpr int kComponentCount = 6;
std::string_view component_name(Component c);  // "gpu", "hbm", "host", "nic_link", "switch", "software"

// Failures per unit per hour that interrupt a job using the unit.
struct FailureRates {
  double gpu_per_hour = 0;     // per GPU: GPU core, SRAM, GPU system processor, NVLink (not HBM)
  double hbm_per_hour = 0;     // per GPU: its HBM stacks
  double host_per_hour = 0;    // per node: CPU, DRAM, PSU, board, local disk
  double nic_link_per_hour = 0;  // per NIC-to-switch link (one per GPU on a rail-optimised fabric)
  double switch_per_hour = 0;  // per scale-out switch
  double software_per_hour = 0;  // per node: driver/XID hangs, host software, filesystem clients

  double per_hour(Component c) const;
};

// What a job occupies. links and switches default from gpus when left 0 (see composition_for()).
struct ClusterComposition {
  double gpus = 0;
  double nodes = 0;     // hosts
  double links = 0;     // NIC-to-leaf links
  double switches = 0;  // leaf + spine switches on the job's fabric

  double units(Component c) const;
};

// A composition for `gpus` GPUs in nodes of `gpus_per_node`, one NIC link per GPU (rail-optimised), and a
// two-tier fabric of radix-64 switches (32 down-links per leaf, spines = leaves / 2): 1.5·links/32 switches.
ClusterComposition composition_for(double gpus, int gpus_per_node);

struct InterruptionRate {
  std::array<double, kComponentCount> per_hour{};  // by Component
  double total_per_hour() const;
  double mtbf_hours() const;  // 1 / total (infinite when no failures)
};

InterruptionRate interruption_rate(const FailureRates& rates, const ClusterComposition& composition);

// Defaults from facts/datacenter.yaml `reliability:` (not fitted to Llama 3's count):
//  * the node-attributable rate is the log-midpoint of Meta's two research clusters, √(6.50·2.34) = 3.90
//    failures per 1000 node-days (meta_rsc_failure_rate, Kokolis et al. 2025);
//  * it is split over GPU / HBM / host / software by Llama 3's cause mix among non-network causes
//    (llama3_interruptions, llama3_cause_breakdown: GPU issues 58.7% of which HBM3 17.2%; hardware ~78%;
//    network 8.4%), so the split does not change the total;
//  * NIC links 0.057% and switches 0.051% fail per month (alibaba_hpn_failures).
FailureRates default_failure_rates();

// Meta's two measured node rates (failures per 1000 node-days), the band of default_failure_rates().
inline constexpr double kRscLowPer1000NodeDays = 2.34;
inline constexpr double kRscHighPer1000NodeDays = 6.50;
// default_failure_rates() with the node-attributable rate set to `per_1000_node_days` (links, switches kept).
FailureRates failure_rates_with_node_rate(double per_1000_node_days);

}  // namespace stargate
