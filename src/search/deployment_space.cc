// The deployment search's candidate space: enumeration order, names of splits and rejection reasons
// (deployment_search.h).
#include <algorithm>

#include "stargate/search/deployment_search.h"
#include "stargate/search/serving_space.h"
#include "stargate/serving/step_time.h"

namespace stargate {
namespace {

// (ep, attention_dp) layouts tried for a replica of tp GPUs: dense models and TP within a node without EP
// (1, 1); MoE models also EP over the replica's GPUs, with tensor-parallel attention (ep, 1) and with one
// attention rank per GPU (ep, tp); a replica wider than a node only with one attention rank per GPU. EP must
// divide the routed experts plus the scenario's redundant ones.
std::vector<std::pair<int, int>> expert_layouts(const ModelSpec& model, const MoeServing& moe, int tp,
                                                int gpus_per_node) {
  std::vector<std::pair<int, int>> out;
  const bool wide = tp > gpus_per_node;  // a multi-node replica
  if (!wide) out.push_back({1, 1});
  if (!model.is_moe()) return out;
  const int slots = model.moe->routed_experts + moe.redundant_experts;
  if (tp > 1 && slots % tp == 0) {
    if (!wide && model.heads % tp == 0) out.push_back({tp, 1});
    out.push_back({tp, tp});
  }
  return out;
}

std::vector<int> with_value(std::vector<int> values, int v) {
  if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  std::sort(values.begin(), values.end());
  return values;
}

// The disaggregated candidate `k` with its decode pool on each other accelerator of `decode_clusters` whose node
// holds a tp-way replica.
void add_mixed_hardware(const DeploymentCandidate& k, const std::vector<Cluster>& decode_clusters,
                        std::vector<DeploymentCandidate>& out) {
  for (const Cluster& d : decode_clusters) {
    if (d.accelerator.id == k.accelerator || k.tp > d.node.gpus_per_node) continue;
    DeploymentCandidate mixed = k;
    mixed.decode_accelerator = d.accelerator.id;
    out.push_back(mixed);
  }
}

}  // namespace

std::string DeploymentCandidate::split() const {
  return disaggregated() ? std::to_string(prefill_replicas) + ":" + std::to_string(decode_replicas) : "agg";
}

const char* deployment_reject_name(DeploymentReject reason) {
  switch (reason) {
    case DeploymentReject::none: return "none";
    case DeploymentReject::weights_exceed_hbm: return "weights exceed HBM";
    case DeploymentReject::no_kv_space: return "no HBM left for the KV cache";
    case DeploymentReject::misses_slo: return "misses the SLOs";
    case DeploymentReject::costlier_than_top: return "costlier than the top k";
  }
  return "unknown";
}

std::vector<DeploymentCandidate> enumerate_deployments(const ModelSpec& model, const Cluster& cluster,
                                                       const ServingConfig& config,
                                                       const DeploymentSearchOptions& options) {
  const std::vector<int> seqs = with_value(options.batch_sequences, config.scheduler.max_batch_sequences);
  const std::vector<int> tokens = with_value(options.batch_tokens, config.scheduler.max_batch_tokens);
  const double weights = model_weight_bytes(model, config.deployment.weights);
  std::vector<DeploymentCandidate> first, rest;  // first: aggregated with the scenario's batch limits
  const std::vector<Cluster> decode_clusters =
      options.decode_accelerators.empty() ? std::vector<Cluster>{}
                                          : serving_clusters(options.catalog, cluster, options.decode_accelerators);
  for (const Cluster& c : serving_clusters(options.catalog, cluster, options.accelerators)) {
    std::vector<int> tps;
    for (int tp = 1; tp <= c.node.gpus_per_node; tp *= 2) {
      if (model.heads % tp == 0) tps.push_back(tp);
    }
    // MoE models also spread one replica over 2, 4 … 16 nodes with data-parallel attention and wide expert
    // parallelism (expert_layouts), as SGLang and vLLM serve DeepSeek-V3 (docs/serving.md "MoE serving").
    for (int nodes = 2; model.is_moe() && nodes <= 16 && nodes * c.node.gpus_per_node <= cluster.gpus; nodes *= 2) {
      tps.push_back(nodes * c.node.gpus_per_node);
    }
    const double hbm = c.accelerator.hbm_capacity_bytes * config.scheduler.gpu_memory_fraction;
    const bool fits = std::any_of(tps.begin(), tps.end(), [&](int tp) { return weights / tp < hbm; });
    const std::vector<int> pps = fits ? std::vector<int>{1} : std::vector<int>{1, 2, 4};
    std::vector<int> splits = {0};
    for (int d : options.decode_per_prefill) splits.push_back(d);
    for (int tp : tps) {
      for (int pp : pps) {
        for (const auto& [ep, attention_dp] : expert_layouts(model, config.deployment.moe, tp, c.node.gpus_per_node)) {
          for (int d : splits) {
            if (d > 0 && pp > 1) continue;  // disaggregated pools are TP-only
            for (int s : seqs) {
              for (int t : tokens) {
                const DeploymentCandidate k{.accelerator = c.accelerator.id, .tp = tp, .pp = pp, .ep = ep,
                                            .attention_dp = attention_dp,
                                            .max_batch_sequences = s, .max_batch_tokens = t,
                                            .prefill_replicas = d > 0 ? 1 : 0, .decode_replicas = d};
                const bool base = d == 0 && s == config.scheduler.max_batch_sequences &&
                                  t == config.scheduler.max_batch_tokens;
                (base ? first : rest).push_back(k);
                if (d > 0) add_mixed_hardware(k, decode_clusters, rest);
              }
            }
          }
        }
      }
    }
  }
  first.insert(first.end(), rest.begin(), rest.end());
  return first;
}

}  // namespace stargate
