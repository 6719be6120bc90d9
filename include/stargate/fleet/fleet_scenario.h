#pragma once
// A fleet scenario (`fleet:` YAML, every field documented in docs/fleet.md): a build-out program over quarters —
// budget, partners, sites with power ramps, accelerator generations, supply limits, finance — and the workloads
// used to say what the fleet delivers. Quantities are SI base units (W, USD, s, FLOP); quarters are indices
// (year·4 + quarter − 1, so 2025Q1 = 8100).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/catalog/fabric.h"
#include "stargate/catalog/node.h"
#include "stargate/core/result.h"
#include "stargate/workload/model.h"

namespace stargate {

using Quarter = int;
Quarter make_quarter(int year, int q);     // q in 1..4
std::string quarter_name(Quarter q);       // "2025Q1"
std::optional<Quarter> parse_quarter(std::string_view text);

// A value that changes in steps: the entry with the latest `from` ≤ q applies (0 before the first).
struct StepSchedule {
  std::vector<std::pair<Quarter, double>> steps;  // sorted by quarter
  double at(Quarter q) const;
};

struct Partner {
  std::string name;
  std::string role;    // "finance", "operate", "build", "technology", ...
  double equity_usd = 0;
};

struct Site {
  std::string name;
  std::string location;
  // Critical IT megawatts that the site's schedule energizes each quarter (the fastest it can come up).
  std::vector<std::pair<Quarter, double>> ramp_watts;
  double pue = 1.2;
  double capex_per_watt = 0;        // facility capex per W of critical IT load
  double construction_seconds = 0;  // capex is paid this long before a ramp step is energized
  // Slips beyond the planned schedule (optional, 0 by default): a ramp step energizes when both its building and its
  // grid connection are ready, so max(construction_delay, interconnection_delay) after its planned quarter
  // (to the nearest whole quarter) plus any slip from waiting for money.
  double construction_delay_seconds = 0;
  double interconnection_delay_seconds = 0;
  double energy_usd_per_joule = 0;
};

struct Generation {
  std::string name;
  AcceleratorSpec accelerator;
  NodeSpec node;
  FabricSpec fabric;               // scale-out fabric of its clusters (`fabric:`; default kDefaultScaleOutFabric)
  Quarter available = 0;           // first quarter it can be bought
  double price_per_gpu_usd = 0;    // all-in IT: GPU, host share, rack, scale-out network, storage share
  double it_watts_per_gpu = 0;     // IT power per GPU incl. host, switches and network
  int hbm_stacks_per_gpu = 0;
  double gpus_per_cowos_wafer = 0;
};

struct HbmVendor {
  std::string name;
  StepSchedule wafers_per_month;  // HBM (TSV) wafer starts
  double program_share = 0;       // fraction of the vendor's output this program can buy
  std::optional<Quarter> qualified_from;  // nullopt: never qualified in the horizon
};

struct Supply {
  std::vector<HbmVendor> hbm;
  double hbm_stacks_per_wafer = 0;
  StepSchedule cowos_wafers_per_month;
  double cowos_program_share = 0;
};

struct Finance {
  double depreciation_seconds = 5 * 365 * 86400.0;           // IT hardware book life
  double facility_depreciation_seconds = 15 * 365 * 86400.0;
  double cost_of_capital = 0.11;       // annual rate
  double power_utilization = 0.75;     // average fraction of IT power drawn
};

struct FleetTrainingWorkload {
  std::string model;  // model preset id
  ModelSpec model_spec;  // that preset, resolved when the scenario is read
  int seq_len = 8192;
  double global_batch_tokens = 16.0 * 1024 * 1024;
  double flops = 0;   // "how long do N FLOPs take"
  double checkpoint_bytes_per_s = 2e12;  // aggregate storage write bandwidth for checkpoints
  double restart_seconds = 900;
};

struct FleetServingWorkload {
  std::string model;     // model preset id
  ModelSpec model_spec;  // that preset, resolved when the scenario is read
  int context_tokens = 4096;   // mean KV length of a decoding sequence
  double tpot_seconds = 0.05;  // time-per-output-token SLO
  int tp = 8;                  // GPUs per replica
  double tokens_per_user_per_day = 0;  // for "users served"
};

// A user of the fleet (`tenants:`, docs/fleet.md "Tenants"): each quarter the planner gives every tenant up to its
// guaranteed `share` of the installed GPUs, then the rest by `priority` (1 first; equal priorities split the rest
// in proportion to their unmet demand). Training demand is in GPUs; serving demand in output tokens per day,
// converted to GPUs at that quarter's fleet-average decode tokens/day per GPU (delivery.h).
struct Tenant {
  enum class Kind { training, serving };
  std::string name;
  Kind kind = Kind::training;
  int priority = 1;
  double share = 0;           // guaranteed fraction of installed GPUs (capped by demand); shares sum to ≤ 1
  StepSchedule demand;        // GPUs (training) or output tokens/day (serving)
};

struct FleetScenario {
  std::string file;
  std::string name;
  Quarter start = 0;
  int quarters = 16;
  double budget_total_usd = 0;
  std::vector<std::pair<Quarter, double>> budget_tranches;  // released amounts; sum ≤ total
  std::vector<Partner> partners;
  std::vector<Site> sites;
  std::vector<Generation> generations;  // sorted by availability
  Supply supply;
  Finance finance;
  FleetTrainingWorkload training;
  FleetServingWorkload serving;
  std::vector<Tenant> tenants;  // optional; empty: no allocation is reported
};

Result<FleetScenario> parse_fleet_scenario(std::string_view text, const std::string& file);
Result<FleetScenario> load_fleet_scenario_file(const std::string& path);
// The built-in Stargate scenario (data/scenarios/stargate.yaml, embedded in the binary).
Result<FleetScenario> default_fleet_scenario();
std::string_view default_fleet_scenario_text();

}  // namespace stargate
