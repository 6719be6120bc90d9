#include "search_wire.h"

namespace stargate::cli {

// Layout: [length, candidates, evaluated, invalid, does_not_fit, scored, better_than_reference, wall_seconds,
//          scored_with_offload, reasons × kRejectReasonCount, top count,
//          (index, objective, step, mfu, memory, offload variant) × top count]
std::vector<double> pack_search_result(const SearchResult& r) {
  std::vector<double> out = {0,
                             static_cast<double>(r.stats.candidates),
                             static_cast<double>(r.stats.evaluated),
                             static_cast<double>(r.stats.invalid),
                             static_cast<double>(r.stats.does_not_fit),
                             static_cast<double>(r.stats.scored),
                             static_cast<double>(r.stats.better_than_reference),
                             r.stats.wall_seconds,
                             static_cast<double>(r.stats.scored_with_offload)};
  for (size_t n : r.stats.rejected_by_reason) out.push_back(static_cast<double>(n));
  out.push_back(static_cast<double>(r.best.size()));
  for (const RankedPlan& p : r.best) {
    out.insert(out.end(), {static_cast<double>(p.index), p.score.objective, p.score.step_seconds, p.score.mfu,
                           p.score.memory_bytes, static_cast<double>(p.score.offload_variant)});
  }
  out[0] = static_cast<double>(out.size());
  return out;
}

std::vector<SearchResult> unpack_search_results(const std::vector<double>& all,
                                                const std::vector<ParallelPlan>& candidates) {
  std::vector<SearchResult> parts;
  size_t at = 0;
  while (at < all.size()) {
    const size_t length = static_cast<size_t>(all[at]);
    const double* v = all.data() + at;
    SearchResult r;
    r.stats.candidates = static_cast<size_t>(v[1]);
    r.stats.evaluated = static_cast<size_t>(v[2]);
    r.stats.invalid = static_cast<size_t>(v[3]);
    r.stats.does_not_fit = static_cast<size_t>(v[4]);
    r.stats.scored = static_cast<size_t>(v[5]);
    r.stats.better_than_reference = static_cast<size_t>(v[6]);
    r.stats.wall_seconds = v[7];
    r.stats.scored_with_offload = static_cast<size_t>(v[8]);
    size_t i = 9;
    for (int k = 0; k < kRejectReasonCount; ++k) r.stats.rejected_by_reason[k] = static_cast<size_t>(v[i++]);
    const size_t top = static_cast<size_t>(v[i++]);
    for (size_t k = 0; k < top; ++k, i += 6) {
      RankedPlan p;
      p.index = static_cast<size_t>(v[i]);
      p.plan = candidates[p.index];
      p.score.verdict = PlanVerdict::scored;
      p.score.objective = v[i + 1];
      p.score.step_seconds = v[i + 2];
      p.score.mfu = v[i + 3];
      p.score.memory_bytes = v[i + 4];
      p.score.offload_variant = static_cast<int>(v[i + 5]);
      p.plan.offload = offload_variant(p.score.offload_variant);
      r.best.push_back(p);
    }
    parts.push_back(std::move(r));
    at += length;
  }
  return parts;
}

}  // namespace stargate::cli
