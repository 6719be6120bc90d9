#include "stargate/search/training_space.h"

#include <algorithm>
#include <cmath>

namespace stargate {
namespace {

bool divides(double a, double b) { return a > 0 && std::fmod(b, a) == 0; }

// Powers of two are tried for tp up to this, beyond an 8-GPU domain over the scale-out fabric (Megatron-LM runs
// TP 16-32 across nodes in its scaling studies; Calculon's search goes to the GPU count).
constexpr int kWidestPowerOfTwoTp = 64;

// Virtual stages a pipeline of `pp` stages may take: at most layers/pp; beyond the classic {2, 3, 4, 6, 8} only
// counts that give every model chunk the same number of layers (Megatron's num_layers_per_virtual_pipeline_stage).
bool virtual_stages_allowed(int vpp, int pp, int layers) {
  if (vpp == 1) return true;
  if (pp == 1 || pp * vpp > layers) return false;
  const bool classic = vpp == 2 || vpp == 3 || vpp == 4 || vpp == 6 || vpp == 8;
  return classic || layers % (pp * vpp) == 0;
}

}  // namespace

TrainingSpace default_training_space(const ModelSpec& m, const Cluster& cluster, int seq_len) {
  TrainingSpace s;
  const int domain = std::max(1, cluster.node.scale_up_domain);
  for (int tp = 1; tp <= std::max(kWidestPowerOfTwoTp, domain); ++tp) {
    const bool power_of_two = (tp & (tp - 1)) == 0 && tp <= kWidestPowerOfTwoTp;
    if ((power_of_two || domain % tp == 0) && m.heads % tp == 0) s.tp.push_back(tp);
  }
  for (int cp = 1; cp <= 16; cp *= 2) {
    if (seq_len % (2 * cp) == 0 || cp == 1) s.cp.push_back(cp);
  }
  for (int pp = 1; pp <= m.layers; ++pp) s.pp.push_back(pp);
  for (int vpp = 1; vpp <= std::max(1, m.layers / 2); ++vpp) s.vpp.push_back(vpp);
  s.ep = {1};
  if (m.moe) {
    for (int ep = 2; ep <= m.moe->routed_experts; ++ep) {
      if (m.moe->routed_experts % ep == 0) s.ep.push_back(ep);
    }
  }
  s.micro_batch = {1, 2, 4, 8, 16, 32, 64};
  s.zero = {0, 1, 2, 3};
  s.recompute = {Recompute::none, Recompute::selective, Recompute::full};
  s.precision = {Dtype::bf16};
  if (cluster.accelerator.peak(Dtype::fp8)) s.precision.push_back(Dtype::fp8);
  s.sequence_parallel = {true, false};
  s.tp_comm_overlap = {TpCommOverlap::none, TpCommOverlap::bulk, TpCommOverlap::decomposed};
  return s;
}

void take_unsearched_fields(TrainingSpace& space, const ParallelPlan& scenario_plan) {
  space.fp8_recipe = scenario_plan.fp8_recipe;
  space.unsearched = scenario_plan;
  space.unsearched.offload = HostOffload{};
}

std::vector<ParallelPlan> enumerate_plans(const TrainingSpace& s, const ModelSpec& m, int gpus, double global_batch,
                                          int seq_len) {
  std::vector<ParallelPlan> plans;
  for (int tp : s.tp) {
    if (m.heads % tp != 0 || gpus % tp != 0) continue;
    for (int cp : s.cp) {
      if (gpus % (tp * cp) != 0 || (cp > 1 && seq_len % (2 * cp) != 0)) continue;
      for (int pp : s.pp) {
        if ((gpus / (tp * cp)) % pp != 0 || pp > m.layers) continue;
        const int dp = gpus / (tp * cp * pp);
        for (int vpp : s.vpp) {
          if (!virtual_stages_allowed(vpp, pp, m.layers)) continue;
          for (int ep : s.ep) {
            if (ep > 1 && (!m.moe || m.moe->routed_experts % ep != 0 || (tp * dp * cp) % ep != 0)) continue;
            for (int mb : s.micro_batch) {
              if (!divides(static_cast<double>(mb) * dp, global_batch)) continue;
              const double micro_batches = global_batch / (static_cast<double>(mb) * dp);
              if (vpp > 1 && std::fmod(micro_batches, pp) != 0) continue;
              for (int zero : s.zero) {
                if (dp * cp == 1 && zero > 0) continue;  // nothing to shard over
                for (Recompute r : s.recompute) {
                  for (Dtype precision : s.precision) {
                    for (bool sp : s.sequence_parallel) {
                      if (tp == 1 && !sp) continue;  // sequence parallelism is moot without TP
                      for (TpCommOverlap overlap : s.tp_comm_overlap) {
                        if (tp == 1 && overlap != TpCommOverlap::none) continue;
                        ParallelPlan& p = plans.emplace_back(s.unsearched);
                        p.tp = tp;
                        p.pp = pp;
                        p.dp = dp;
                        p.cp = cp;
                        p.ep = ep;
                        p.vpp = vpp;
                        p.sequence_parallel = sp;
                        p.zero_stage = zero;
                        p.recompute = r;
                        p.precision = precision;
                        p.fp8_recipe = s.fp8_recipe;
                        p.micro_batch = mb;
                        p.tp_comm_overlap = overlap;
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return plans;
}

}  // namespace stargate
