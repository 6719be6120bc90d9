// Serving workloads: arrival processes and token-length distributions, drawn lazily by RequestSource.
#include <algorithm>
#include <cmath>

#include "request_source.h"
#include "stargate/core/value_limits.h"
#include "stargate/serving/simulator.h"

namespace stargate {

int ServingDeployment::total_gpus() const {
  auto gpus = [](const PoolConfig& p) { return p.replicas * p.tp * p.pp; };
  if (disaggregated()) return gpus(*prefill_pool) + gpus(*decode_pool);
  return gpus(pool);
}

int ServingDeployment::replicas_routers_do_not_divide() const {
  auto undivided = [&](const PoolConfig& p) { return p.replicas % routers != 0 ? p.replicas : 0; };
  if (!disaggregated()) return undivided(pool);
  if (const int replicas = undivided(*prefill_pool)) return replicas;
  return undivided(*decode_pool);
}

namespace serving_detail {
namespace {

int draw_length(const LengthDistribution& d, std::mt19937_64& rng) {
  double x = d.mean;
  switch (d.kind) {
    case LengthDistribution::Kind::fixed: break;
    case LengthDistribution::Kind::uniform: x = std::uniform_real_distribution<double>(d.min, d.max)(rng); break;
    case LengthDistribution::Kind::normal: x = std::normal_distribution<double>(d.mean, d.stdev)(rng); break;
  }
  return static_cast<int>(std::lround(std::clamp(x, std::max(1.0, d.min), std::max(1.0, d.max))));
}

// Gamma inter-arrival times with mean 1/rate and coefficient of variation cv: shape 1/cv², scale cv²/rate.
// Conversations start at rate / turns.
std::gamma_distribution<double> gap_distribution(const ServingWorkload& w) {
  const double cv = w.arrival == ArrivalKind::gamma ? std::max(1e-3, w.burstiness) : 1.0;
  const double rate = w.rate / (w.conversation ? w.conversation->turns : 1);
  return std::gamma_distribution<double>(1 / (cv * cv), cv * cv / std::max(1e-12, rate));
}

// Cumulative popularity of the prefix groups: group k (1-based) ∝ 1 / k^s. Empty for a single group.
std::vector<double> group_popularity_cdf(const ServingWorkload& w) {
  std::vector<double> cdf;
  if (!w.prefix || w.prefix->groups <= 1) return cdf;
  cdf.reserve(static_cast<size_t>(w.prefix->groups));
  double sum = 0;
  for (int k = 1; k <= w.prefix->groups; ++k) cdf.push_back(sum += std::pow(double(k), -w.prefix->zipf_exponent));
  for (double& c : cdf) c /= sum;
  return cdf;
}

std::vector<ServingRequest> sorted_by_arrival(std::vector<ServingRequest> requests) {
  std::stable_sort(requests.begin(), requests.end(),
                   [](const ServingRequest& a, const ServingRequest& b) { return a.arrival < b.arrival; });
  return requests;
}

std::vector<ServingRequest> trace_requests(const ServingWorkload& w) {
  std::vector<ServingRequest> out;
  out.reserve(w.trace.size());
  for (const TraceRow& row : w.trace) {
    out.push_back({.arrival = row.arrival, .input_tokens = row.input_tokens, .output_tokens = row.output_tokens,
                   .prefix_id = row.prefix_id, .prefix_tokens = row.prefix_tokens, .session_id = row.session_id});
  }
  return out;
}

}  // namespace

RequestSource::RequestSource(const ServingWorkload& w) {
  if (w.arrival == ArrivalKind::trace) {
    list_ = sorted_by_arrival(trace_requests(w));
  } else {
    workload_ = &w;
    rng_.seed(w.seed);
    gap_ = gap_distribution(w);
    group_cdf_ = group_popularity_cdf(w);
    if (w.conversation) {
      const int turns = w.conversation->turns;
      conversations_ = (w.requests + turns - 1) / turns;
      const double think_s = w.conversation->think_time;
      if (think_s > 0) think_ = std::exponential_distribution<double>(1 / think_s);
    }
  }
  draw();
}

RequestSource::RequestSource(std::vector<ServingRequest> requests) : list_(sorted_by_arrival(std::move(requests))) {
  draw();
}

ServingRequest RequestSource::pop() {
  const ServingRequest r = next_;
  draw();
  return r;
}

void RequestSource::draw() {
  if (workload_ == nullptr) {
    has_next_ = list_next_ < list_.size();
    if (has_next_) next_ = list_[list_next_++];
    return;
  }
  const ServingWorkload& w = *workload_;
  has_next_ = drawn_ < w.requests;
  if (!has_next_) return;
  if (w.conversation) {
    draw_conversation_turn();
  } else {
    // Draw order per request (gap, input, output, shared prompt) is part of the seed's contract: keep it.
    if (w.arrival != ArrivalKind::offline && drawn_ > 0) time_s_ += gap_(rng_);
    next_ = {.arrival = time_s_};
    draw_lengths(next_);
  }
  ++drawn_;
}

void RequestSource::draw_lengths(ServingRequest& request) {
  const ServingWorkload& w = *workload_;
  request.input_tokens = draw_length(w.input, rng_) + w.shared_prefix;
  request.output_tokens = draw_length(w.output, rng_);
  if (w.shared_prefix > 0) request.prefix_id = 1, request.prefix_tokens = w.shared_prefix;
  if (!w.prefix) return;
  const PrefixGroups& p = *w.prefix;
  if (p.share < 1 && std::uniform_real_distribution<double>(0, 1)(rng_) >= p.share) return;
  size_t group = 0;
  if (!group_cdf_.empty()) {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    const auto at = std::lower_bound(group_cdf_.begin(), group_cdf_.end(), u);
    group = std::min(group_cdf_.size() - 1, static_cast<size_t>(at - group_cdf_.begin()));
  }
  const int64_t input = int64_t{request.input_tokens} + p.tokens;
  request.input_tokens = static_cast<int>(std::min<int64_t>(input, limits::request_tokens.max));
  request.prefix_id = group + 1;
  request.prefix_tokens = p.tokens;
}

// The next request of a conversational workload: the earlier of the next conversation's first turn and the
// earliest pending turn.
void RequestSource::draw_conversation_turn() {
  const ServingWorkload& w = *workload_;
  const bool start = conversations_started_ < conversations_ &&
                     (pending_.empty() || next_start_s_ <= pending_.front().request.arrival);
  int turns_left = 0;
  if (start) {
    next_ = {.arrival = next_start_s_, .session_id = static_cast<uint64_t>(++conversations_started_)};
    draw_lengths(next_);
    const int64_t first_turn = (conversations_started_ - 1) * w.conversation->turns;
    turns_left = static_cast<int>(std::min<int64_t>(w.conversation->turns, w.requests - first_turn)) - 1;
    if (w.arrival != ArrivalKind::offline) next_start_s_ += gap_(rng_);
  } else {
    std::pop_heap(pending_.begin(), pending_.end());
    next_ = pending_.back().request;
    turns_left = pending_.back().turns_left;
    pending_.pop_back();
  }
  if (turns_left > 0) schedule_next_turn(next_, turns_left);
}

// Turn t + 1: arrives a think time after turn t; its prompt is turn t's prompt and output, then a new input.
void RequestSource::schedule_next_turn(const ServingRequest& turn, int turns_left) {
  const ServingWorkload& w = *workload_;
  PendingTurn next{.request = turn, .turns_left = turns_left - 1};
  next.request.arrival += w.conversation->think_time > 0 ? think_(rng_) : 0;
  const int64_t prompt = int64_t{turn.input_tokens} + turn.output_tokens + draw_length(w.input, rng_);
  next.request.input_tokens = static_cast<int>(std::min<int64_t>(prompt, limits::request_tokens.max));
  next.request.output_tokens = draw_length(w.output, rng_);
  pending_.push_back(next);
  std::push_heap(pending_.begin(), pending_.end());
}

}  // namespace serving_detail

std::vector<ServingRequest> generate_requests(const ServingWorkload& w) {
  std::vector<ServingRequest> out;
  serving_detail::RequestSource source(w);
  if (w.arrival != ArrivalKind::trace) out.reserve(static_cast<size_t>(std::max<int64_t>(0, w.requests)));
  while (!source.empty()) out.push_back(source.pop());
  return out;
}

}  // namespace stargate
