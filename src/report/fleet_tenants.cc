// The tenants section of `stargate plan` (fleet_tenants.h).
#include "fleet_tenants.h"

#include <fmt/format.h>

#include "text_format.h"

namespace stargate::report_detail {
namespace {

std::string kind_name(Tenant::Kind kind) { return kind == Tenant::Kind::serving ? "serving" : "training"; }

std::string demand_cell(const Tenant& t, const TenantQuarter& q) {
  if (t.kind == Tenant::Kind::serving) {
    return magnitude(q.allocated_tokens_per_day) + " / " + magnitude(q.demand_tokens_per_day) + " tok/d";
  }
  return thousands(q.allocated_gpus) + " / " + thousands(q.demand_gpus);
}

std::string summary_line(const FleetPlan& p, size_t ti) {
  const Tenant& t = p.scenario.tenants[ti];
  const TenantResult& r = p.tenants->tenants[ti];
  const std::string head = fmt::format("  {} ({}, priority {}, share {:.0f}%): ", t.name, kind_name(t.kind), t.priority,
                                       t.share * 100);
  if (r.quarters_short == 0) return head + "never short\n";
  return head + fmt::format("short in {} of {} quarters, first {}\n", r.quarters_short, r.quarters.size(),
                            quarter_name(*r.first_short));
}

}  // namespace

std::string tenants_text(const FleetPlan& p) {
  if (!p.tenants) return "";
  const FleetScenario& s = p.scenario;
  std::string out = "\nTenants: allocated / demand (GPUs; serving in output tokens/day), * = short\n";
  out += fmt::format("{:<7} {:>12}", "quarter", "GPUs");
  for (const Tenant& t : s.tenants) out += fmt::format(" {:>28}", t.name);
  out += "\n";
  for (size_t qi = 0; qi < p.result.quarters.size(); ++qi) {
    out += fmt::format("{:<7} {:>12}", quarter_name(p.result.quarters[qi].quarter), thousands(p.tenants->capacity_gpus[qi]));
    for (size_t ti = 0; ti < s.tenants.size(); ++ti) {
      const TenantQuarter& q = p.tenants->tenants[ti].quarters[qi];
      out += fmt::format(" {:>28}", demand_cell(s.tenants[ti], q) + (q.short_of_demand ? " *" : "  "));
    }
    out.erase(out.find_last_not_of(' ') + 1);  // no trailing blanks
    out += "\n";
  }
  for (size_t ti = 0; ti < s.tenants.size(); ++ti) out += summary_line(p, ti);
  return out;
}

nlohmann::json tenants_json(const FleetPlan& p) {
  nlohmann::json tenants = nlohmann::json::array();
  if (!p.tenants) return tenants;
  for (size_t ti = 0; ti < p.scenario.tenants.size(); ++ti) {
    const Tenant& t = p.scenario.tenants[ti];
    const TenantResult& r = p.tenants->tenants[ti];
    nlohmann::json quarters = nlohmann::json::array();
    for (size_t qi = 0; qi < r.quarters.size(); ++qi) {
      const TenantQuarter& q = r.quarters[qi];
      nlohmann::json row = {{"quarter", quarter_name(p.result.quarters[qi].quarter)},
                            {"demand_gpus", q.demand_gpus}, {"allocated_gpus", q.allocated_gpus},
                            {"short", q.short_of_demand}};
      if (t.kind == Tenant::Kind::serving) {
        row["demand_tokens_per_day"] = q.demand_tokens_per_day;
        row["allocated_tokens_per_day"] = q.allocated_tokens_per_day;
      }
      quarters.push_back(row);
    }
    tenants.push_back({{"name", t.name}, {"kind", kind_name(t.kind)}, {"priority", t.priority}, {"share", t.share},
                       {"quarters_short", r.quarters_short},
                       {"first_short", r.first_short ? nlohmann::json(quarter_name(*r.first_short)) : nlohmann::json(nullptr)},
                       {"quarters", quarters}});
  }
  return tenants;
}

}  // namespace stargate::report_detail
