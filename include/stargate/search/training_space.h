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
};

// The default space: powers of two up to the scale-up domain for tp (dividing the heads), cp up to 16, every
// pp that divides the GPUs up to the layer count, vpp in {1, 2, 3, 4, 6, 8}, ep dividing the experts,
// micro-batches 1..16, ZeRO 0..3, the three recompute policies, bf16 (and fp8 where the device has it),
// sequence parallelism on/off, the three TP overlap modes.
TrainingSpace default_training_space(const ModelSpec& model, const Cluster& cluster, int seq_len);

// All plans of `space` for this GPU count and global batch that pass the cheap arithmetic checks
// (divisibility, GPU count, batch split). Order is deterministic.
std::vector<ParallelPlan> enumerate_plans(const TrainingSpace& space, const ModelSpec& model, int gpus,
                                          double global_batch_sequences, int seq_len);

}  // namespace stargate
