#include "stargate/reliability/failure_rates.h"

#include <cmath>
#include <limits>

namespace stargate {
namespace {

constexpr double kHoursPerDay = 24.0;
constexpr double kHoursPerMonth = 365.0 * 24.0 / 12.0;

// facts/datacenter.yaml llama3_interruptions / llama3_cause_breakdown, shares of the 419 unexpected ones.
constexpr double kGpuIssuesShare = 0.587;  // "GPU issues 58.7%" (GPU, HBM3, SRAM, system processor, ...)
constexpr double kHbmShare = 0.172;        // "GPU HBM3 72 (17.2%)"
constexpr double kHardwareShare = 0.78;    // "~78% of unexpected confirmed/suspected hardware"
constexpr double kNetworkShare = 0.084;    // "network switch/cable 35 (8.4%)": modelled by links and switches

// facts/datacenter.yaml alibaba_hpn_failures.
constexpr double kLinkFailPerMonth = 0.00057;    // "0.057% of NIC-ToR links fail per month"
constexpr double kSwitchFailPerMonth = 0.00051;  // "0.051% of ToR switches crash per month"

}  // namespace

std::string_view component_name(Component c) {
  switch (c) {
    case Component::gpu: return "gpu";
    case Component::hbm: return "hbm";
    case Component::host: return "host";
    case Component::nic_link: return "nic_link";
    case Component::network_switch: return "switch";
    case Component::software: return "software";
  }
  return "?";
}

double FailureRates::per_hour(Component c) const {
  switch (c) {
    case Component::gpu: return gpu_per_hour;
    case Component::hbm: return hbm_per_hour;
    case Component::host: return host_per_hour;
    case Component::nic_link: return nic_link_per_hour;
    case Component::network_switch: return switch_per_hour;
    case Component::software: return software_per_hour;
  }
  return 0;
}

double ClusterComposition::units(Component c) const {
  switch (c) {
    case Component::gpu:
    case Component::hbm: return gpus;
    case Component::host:
    case Component::software: return nodes;
    case Component::nic_link: return links;
    case Component::network_switch: return switches;
  }
  return 0;
}

ClusterComposition composition_for(double gpus, int gpus_per_node) {
  ClusterComposition c;
  c.gpus = gpus;
  c.nodes = std::ceil(gpus / std::max(1, gpus_per_node));
  c.links = gpus;
  const double leaves = std::ceil(c.links / 32.0);
  c.switches = leaves + std::ceil(leaves / 2.0);
  return c;
}

double InterruptionRate::total_per_hour() const {
  double sum = 0;
  for (double r : per_hour) sum += r;
  return sum;
}

double InterruptionRate::mtbf_hours() const {
  const double total = total_per_hour();
  return total > 0 ? 1.0 / total : std::numeric_limits<double>::infinity();
}

InterruptionRate interruption_rate(const FailureRates& rates, const ClusterComposition& composition) {
  InterruptionRate out;
  for (int i = 0; i < kComponentCount; ++i) {
    const auto c = static_cast<Component>(i);
    out.per_hour[i] = rates.per_hour(c) * composition.units(c);
  }
  return out;
}

FailureRates failure_rates_with_node_rate(double per_1000_node_days) {
  // Node-attributable causes = everything but the network share; split them by Llama 3's mix.
  const double node_rate_per_hour = per_1000_node_days / 1000.0 / kHoursPerDay;
  const double node_share = 1.0 - kNetworkShare;
  const double gpu_share = (kGpuIssuesShare - kHbmShare) / node_share;
  const double hbm_share = kHbmShare / node_share;
  const double host_share = (kHardwareShare - kGpuIssuesShare - kNetworkShare) / node_share;
  const double software_share = (1.0 - kHardwareShare) / node_share;
  // Meta's rates are per 8-GPU node (RSC: DGX A100 / Grand Teton); GPU and HBM rates are per GPU.
  constexpr double kGpusPerRscNode = 8.0;
  FailureRates r;
  r.gpu_per_hour = node_rate_per_hour * gpu_share / kGpusPerRscNode;
  r.hbm_per_hour = node_rate_per_hour * hbm_share / kGpusPerRscNode;
  r.host_per_hour = node_rate_per_hour * host_share;
  r.software_per_hour = node_rate_per_hour * software_share;
  r.nic_link_per_hour = kLinkFailPerMonth / kHoursPerMonth;
  r.switch_per_hour = kSwitchFailPerMonth / kHoursPerMonth;
  return r;
}

FailureRates default_failure_rates() {
  return failure_rates_with_node_rate(std::sqrt(kRscLowPer1000NodeDays * kRscHighPer1000NodeDays));
}

}  // namespace stargate
