#include "stargate/serving/offline_batch.h"

#include "stargate/core/value_limits.h"

namespace stargate {

Result<ServingConfig> offline_batch_config(ServingConfig config, int64_t requests) {
  ServingWorkload& w = config.workload;
  if (w.arrival == ArrivalKind::trace) {
    for (TraceRow& row : w.trace) row.arrival = 0;
  } else {
    w.arrival = ArrivalKind::offline;
    if (requests > 0) w.requests = requests;
  }
  if (w.requests > limits::materialized_requests.max) {
    return Error{ErrorKind::invalid_input,
                 "an offline batch holds all of its requests at once: at most " +
                     std::to_string(limits::materialized_requests.max) + " requests, got " +
                     std::to_string(w.requests) + " (ask for fewer)",
                 "serving.workload.requests", {}};
  }
  return config;
}

}  // namespace stargate
