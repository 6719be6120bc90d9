#pragma once
// An offline run: a static batch as benchmark tools measure one (trtllm-bench throughput, vLLM
// benchmarks/benchmark_throughput.py): N requests all queued at t = 0, no arrivals, simulated by simulate_serving.
// The figures are ServingResult's: requests_per_s, output_tokens_per_s and total_tokens_per_s over `duration`
// (t = 0 to the last completion, the tools' elapsed time), and per-request TTFT, TPOT and end-to-end latency
// measured from t = 0 (queueing behind the batch included, as the tools report them). `stargate serve --offline`
// and the inference validation's end-to-end cases both run through offline_batch_config.
#include <cstdint>

#include "stargate/core/result.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

// `config` with its workload made a static batch: every request arrives at t = 0 (a trace keeps its rows' lengths,
// prefixes and sessions and drops their arrival times; later turns of workload.conversation still follow their
// think time). requests > 0 sets how many requests (a trace always replays all of its rows). The batch is held at
// once: more than limits::materialized_requests is an Error on serving.workload.requests.
Result<ServingConfig> offline_batch_config(ServingConfig config, int64_t requests = 0);

}  // namespace stargate
