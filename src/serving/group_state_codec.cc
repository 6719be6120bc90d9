// encode_group_states / decode_group_states (group_state.h): every field, exactly.
#include <utility>

#include "byte_codec.h"
#include "group_state.h"

namespace stargate::serving_detail {
namespace {

constexpr uint32_t kFormat = 0x53475301;  // "SGS" v1: bumped whenever the layout below changes

void put_sketch(ByteWriter& w, const QuantileSketch& sketch) {
  const QuantileSketch::State s = sketch.state();
  w.put(s.relative_accuracy);
  w.put(s.first_bucket);
  w.put_vector(s.counts);
  w.put(s.zeros);
  w.put(s.count);
  w.put(s.sum);
  w.put(s.min);
  w.put(s.max);
}

QuantileSketch get_sketch(ByteReader& r) {
  QuantileSketch::State s;
  s.relative_accuracy = r.get<double>();
  s.first_bucket = r.get<int32_t>();
  s.counts = r.get_vector<int64_t>();
  s.zeros = r.get<int64_t>();
  s.count = r.get<int64_t>();
  s.sum = r.get<double>();
  s.min = r.get<double>();
  s.max = r.get<double>();
  return QuantileSketch::restore(std::move(s));
}

void put_measurements(ByteWriter& w, const Measurements& m) {
  for (const QuantileSketch* sketch : {&m.ttft, &m.tpot, &m.e2e}) put_sketch(w, *sketch);
  w.put_vector(m.outcomes);
  w.put_vector(m.samples);
  w.put_vector(m.trace);
  for (double v : {m.sample_interval_s, m.first_arrival_s, m.in_system_request_s, m.batch_seqs, m.batch_tokens,
                   m.output_tokens, m.input_tokens, m.flops, m.hbm_bytes}) {
    w.put(v);
  }
  for (int64_t v : {m.iterations, m.rejected, m.good, m.max_blocks}) w.put(v);
}

Measurements get_measurements(ByteReader& r) {
  Measurements m;
  for (QuantileSketch* sketch : {&m.ttft, &m.tpot, &m.e2e}) *sketch = get_sketch(r);
  m.outcomes = r.get_vector<RequestOutcome>();
  m.samples = r.get_vector<ServingSample>();
  m.trace = r.get_vector<ServingTraceEvent>();
  for (double* v : {&m.sample_interval_s, &m.first_arrival_s, &m.in_system_request_s, &m.batch_seqs, &m.batch_tokens,
                    &m.output_tokens, &m.input_tokens, &m.flops, &m.hbm_bytes}) {
    *v = r.get<double>();
  }
  for (int64_t* v : {&m.iterations, &m.rejected, &m.good, &m.max_blocks}) *v = r.get<int64_t>();
  return m;
}

void put_error(ByteWriter& w, const Error& e) {
  w.put(static_cast<int32_t>(e.kind));
  w.put_string(e.message);
  w.put_string(e.field);
  w.put_string(e.location.file);
  w.put(static_cast<int32_t>(e.location.line));
  w.put(static_cast<int32_t>(e.location.column));
}

Error get_error(ByteReader& r) {
  Error e;
  e.kind = static_cast<ErrorKind>(r.get<int32_t>());
  e.message = r.get_string();
  e.field = r.get_string();
  e.location.file = r.get_string();
  e.location.line = r.get<int32_t>();
  e.location.column = r.get<int32_t>();
  return e;
}

void put_state(ByteWriter& w, const ServingGroupState& s) {
  w.put(s.group);
  w.put<uint8_t>(s.error ? 1 : 0);
  if (s.error) {
    put_error(w, *s.error);
    return;
  }
  put_measurements(w, s.measured);
  w.put_vector(s.replicas);
  w.put_vector(s.pool_replicas);
  w.put_vector(s.pool_gpus);
  for (int64_t v : {s.preemptions, s.arrivals, s.max_live_requests, s.events}) w.put(v);
  w.put(s.end_s);
}

ServingGroupState get_state(ByteReader& r) {
  ServingGroupState s;
  s.group = r.get<int32_t>();
  if (r.get<uint8_t>() != 0) {
    s.error = get_error(r);
    return s;
  }
  s.measured = get_measurements(r);
  s.replicas = r.get_vector<ReplicaUse>();
  s.pool_replicas = r.get_vector<int32_t>();
  s.pool_gpus = r.get_vector<int32_t>();
  for (int64_t* v : {&s.preemptions, &s.arrivals, &s.max_live_requests, &s.events}) *v = r.get<int64_t>();
  s.end_s = r.get<double>();
  return s;
}

}  // namespace

std::vector<uint8_t> encode_group_states(const std::vector<ServingGroupState>& states) {
  ByteWriter w;
  w.put(kFormat);
  w.put<uint64_t>(states.size());
  for (const ServingGroupState& s : states) put_state(w, s);
  return w.take();
}

Result<std::vector<ServingGroupState>> decode_group_states(const std::vector<uint8_t>& bytes) {
  ByteReader r(bytes);
  const bool known = r.get<uint32_t>() == kFormat;
  const uint64_t count = r.get<uint64_t>();
  std::vector<ServingGroupState> states;
  for (uint64_t k = 0; known && r.ok() && k < count; ++k) states.push_back(get_state(r));
  if (!known || !r.ok() || !r.at_end()) {
    return Error{ErrorKind::internal, "a router group's state arrived cut short or malformed", "serving.routers", {}};
  }
  return states;
}

}  // namespace stargate::serving_detail
