#include "fleet_generations.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace stargate::report_detail {

std::vector<std::string> installed_generation_names(const FleetPlan& plan) {
  std::vector<std::string> names;
  for (size_t g = 0; g < plan.scenario.generations.size(); ++g) {
    for (const FleetQuarter& q : plan.result.quarters) {
      if (g < q.gpus_by_generation.size() && q.gpus_by_generation[g] > 0) {
        names.push_back(plan.scenario.generations[g].name);
        break;
      }
    }
  }
  return names;
}

std::string generations_headline(const FleetPlan& plan) {
  const size_t offered = plan.scenario.generations.size();
  const std::vector<std::string> installed = installed_generation_names(plan);
  return fmt::format("{} generation{} offered, {} installed{}", offered, offered == 1 ? "" : "s", installed.size(),
                     installed.empty() ? "" : fmt::format(" ({})", fmt::join(installed, ", ")));
}

}  // namespace stargate::report_detail
