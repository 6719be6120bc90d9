#pragma once
// The space of training plans for one model, cluster and batch: every combination of the options below that
// multiplies out to the cluster's GPU count. Enumerated in a fixed order so that each candidate has a stable
// index (used to split work across threads and MPI ranks and to break ties deterministically).
#include <cstdint>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/workload/model.h"

namespace stargate {

struct TrainingSpace {
  std::vector<int> tp;           // tensor parallel degrees to try
  std::vector<int> cp;           // context parallel degrees
  std::vector<int> pp;           // pipeline stages (filtered to divisors of the remaining GPUs)
  std::vector<int> vpp;          // virtual stages
  std::vector<int> ep;           // expert parallel degrees (MoE)
  std::vector<int> micro_batch;  // sequences per micro-batch
  std::vector<int> zero;         // ZeRO stages
  std::vector<Recompute> recompute;
  std::vector<Dtype> precision;
  std::vector<bool> sequence_parallel;
  std::vector<TpCommOverlap> tp_comm_overlap;
  // Not searched: the software's low-precision recipe, given to every fp8 candidate (the scenario plan's).
  Fp8Recipe fp8_recipe = Fp8Recipe::delayed;
  // Not searched: the framework settings every candidate takes from this plan (the scenario's): DP overlap and
  // buckets, ZeRO-3 gathering, the MoE dispatcher, expert TP and imbalance, the EP overlap. Its searched fields
  // are ignored; its offload is dropped (the evaluator offloads only a plan that does not fit).
  ParallelPlan unsearched;
};

// The space's framework settings from the scenario's plan (TrainingSpace::unsearched, fp8_recipe).
void take_unsearched_fields(TrainingSpace& space, const ParallelPlan& scenario_plan);

// The default space: tp over the powers of two up to 64 and every divisor of the scale-up domain (72 on NVL72),
// dividing the heads (a TP group wider than the domain crosses the scale-out fabric and is costed there), cp up to
// 16, every pp up to the layer count, vpp from 1 to layers/pp (enumerate_plans keeps {2, 3, 4, 6, 8} and the
// counts that split the stage's layers evenly), ep dividing the experts, micro-batches 1..64 in powers of two,
// ZeRO 0..3, the three recompute policies, bf16 (and fp8 where the device has it), sequence parallelism on/off,
// the three TP overlap modes.
TrainingSpace default_training_space(const ModelSpec& model, const Cluster& cluster, int seq_len);

// All plans of `space` for this GPU count and global batch that pass the cheap arithmetic checks
// (divisibility, GPU count, batch split). Order is deterministic.
std::vector<ParallelPlan> enumerate_plans(const TrainingSpace& space, const ModelSpec& model, int gpus,
                                          double global_batch_sequences, int seq_len);

}  // namespace stargate
