#pragma once
// Internal: a workload's requests drawn one at a time in arrival order, so a simulation holds only the requests
// in flight. Poisson, gamma and offline arrivals are generated lazily from the seed (memory O(1), the same
// sequence as generate_requests()); a trace or an explicit list is replayed sorted by arrival (stable).
// Conversations (workload.conversation) keep their next turns in a heap: memory O(conversations in progress).
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
  void draw_conversation_turn();
  // Lengths of a new request (input, output, then its shared prompt: the seed's draw order).
  void draw_lengths(ServingRequest& request);

  struct PendingTurn {
    ServingRequest request;
    int turns_left = 0;  // after this one
    bool operator<(const PendingTurn& o) const { return request.arrival > o.request.arrival; }  // min-heap
  };
  void schedule_next_turn(const ServingRequest& turn, int turns_left);

  const ServingWorkload* workload_ = nullptr;  // null: replaying list_
  std::mt19937_64 rng_;
  std::gamma_distribution<double> gap_;
  int64_t drawn_ = 0;
  double time_s_ = 0;
  std::vector<ServingRequest> list_;
  size_t list_next_ = 0;
  ServingRequest next_;
  bool has_next_ = false;
  std::vector<double> group_cdf_;          // prefix groups: cumulative popularity (empty: one group)
  std::vector<PendingTurn> pending_;       // conversations: next turns, a heap by arrival
  int64_t conversations_ = 0, conversations_started_ = 0;
  double next_start_s_ = 0;                // arrival of the next conversation's first turn
  std::exponential_distribution<double> think_;
};

}  // namespace stargate::serving_detail
