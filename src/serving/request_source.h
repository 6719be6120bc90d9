#pragma once
// Internal: a workload's requests drawn one at a time in arrival order, so a simulation holds only the requests
// in flight. Poisson, gamma and offline arrivals are generated lazily from the seed (memory O(1), the same
// sequence as generate_requests()); a trace or an explicit list is replayed sorted by arrival (stable).
#include <cstdint>
#include <random>
#include <vector>

#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

class RequestSource {
 public:
  explicit RequestSource(const ServingWorkload& workload);
  explicit RequestSource(std::vector<ServingRequest> requests);

  bool empty() const { return !has_next_; }
  const ServingRequest& peek() const { return next_; }  // only when !empty()
  ServingRequest pop();

 private:
  void draw();

  const ServingWorkload* workload_ = nullptr;  // null: replaying list_
  std::mt19937_64 rng_;
  std::gamma_distribution<double> gap_;
  int64_t drawn_ = 0;
  double time_s_ = 0;
  std::vector<ServingRequest> list_;
  size_t list_next_ = 0;
  ServingRequest next_;
  bool has_next_ = false;
};

}  // namespace stargate::serving_detail
