#include "serving_reader.h"

#include <filesystem>

#include "hardware_reader.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/serving/engine_defaults.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

// replicas, tp, attention_dp, ep of one pool (PoolConfig), each checked against the model where it is read.
PoolConfig read_pool(YamlMap& map, const ModelSpec& model, PoolConfig pool) {
  if (auto v = map.optional_integer("replicas", limits::serving_replicas)) pool.replicas = static_cast<int>(*v);
  if (auto v = map.get("tp")) pool.tp = static_cast<int>(v->as_integer(limits::tensor_parallel));
  if (auto v = map.get("attention_dp")) {
    pool.attention_dp = static_cast<int>(v->as_integer(limits::tensor_parallel));
    if (pool.tp % pool.attention_dp != 0) {
      v->fail(std::to_string(pool.attention_dp) + " attention ranks do not divide tp " + std::to_string(pool.tp));
    }
  }
  const int attention_tp = pool.tp / pool.attention_dp;
  if (model.heads % attention_tp != 0) {
    YamlValue where = map.get("attention_dp") ? *map.get("attention_dp") : map.get("tp") ? *map.get("tp") : map.self();
    where.fail("attention tensor parallelism " + std::to_string(attention_tp) + " (tp / attention_dp) does not divide the model's " +
               std::to_string(model.heads) + " heads");
  }
  if (auto v = map.get("ep")) {
    pool.ep = static_cast<int>(v->as_integer(limits::expert_parallel));
    if (!model.is_moe() && pool.ep > 1) v->fail("the model has no experts: ep needs a MoE model");
    if (pool.tp % pool.ep != 0) v->fail(std::to_string(pool.ep) + " does not divide tp " + std::to_string(pool.tp));
  }
  return pool;
}

// The `moe:` section (MoeServing).
MoeServing read_moe_serving(YamlMap map, const ModelSpec& model) {
  MoeServing moe;
  if (!model.is_moe()) map.self().fail("the model has no experts: remove moe:");
  if (auto v = map.optional_choice("dispatch", {"auto", "normal", "low_latency"})) {
    moe.dispatch = *v == "normal"        ? MoeServing::Dispatch::normal
                   : *v == "low_latency" ? MoeServing::Dispatch::low_latency
                                         : MoeServing::Dispatch::automatic;
  }
  if (auto v = map.optional_boolean("two_batch_overlap")) moe.two_batch_overlap = *v;
  if (auto v = map.optional_integer("redundant_experts", 0, limits::experts.max)) moe.redundant_experts = static_cast<int>(*v);
  if (auto v = map.get("expert_imbalance")) {
    if (!(v->is_scalar() && v->as_string() == "auto")) {
      moe.expert_imbalance = v->as_number();
      if (!(moe.expert_imbalance >= 1 && moe.expert_imbalance <= limits::expert_imbalance_max)) {
        v->fail("must be auto or a number in [1, " + std::to_string(int(limits::expert_imbalance_max)) +
                "] (busiest expert-parallel rank's tokens over the mean)");
      }
    }
  }
  map.finish();
  return moe;
}

// The pools on the cluster's own hardware fit the cluster's GPUs (a pool on its own hardware brings its own GPUs),
// and each pool's tp fits its node (the largest tp that does not is named).
void check_pools_fit(YamlMap& map, const ServingDeployment& d, const Cluster& cluster) {
  std::vector<const PoolConfig*> pools = {&d.pool};
  if (d.disaggregated()) pools.insert(pools.end(), {&*d.prefill_pool, &*d.decode_pool});
  int cluster_gpus = 0;
  for (size_t i = d.disaggregated() ? 1 : 0; i < pools.size(); ++i) {
    if (!pools[i]->hardware) cluster_gpus += pools[i]->replicas * pools[i]->tp * pools[i]->pp;
  }
  if (cluster_gpus > cluster.gpus) {
    map.self().fail("the deployment needs " + std::to_string(cluster_gpus) + " GPUs (replicas × tp)" +
                    (d.mixed_hardware() ? " on the cluster's " + cluster.accelerator.id : std::string()) +
                    ", but the cluster has " + std::to_string(cluster.gpus));
  }
  // Tensor parallelism stays inside a node: the attention ranks' (tp / attention_dp) and the experts' (tp / ep).
  auto node_tp = [](const PoolConfig& p) { return std::max(p.tp / p.attention_dp, p.tp / p.ep); };
  const PoolConfig* too_wide = nullptr;
  for (const PoolConfig* pool : pools) {
    if (node_tp(*pool) > pool_cluster(cluster, *pool).node.gpus_per_node &&
        (!too_wide || node_tp(*pool) > node_tp(*too_wide))) {
      too_wide = pool;
    }
  }
  if (too_wide) {
    const NodeSpec& node = pool_cluster(cluster, *too_wide).node;
    map.self().fail("tensor parallelism " + std::to_string(node_tp(*too_wide)) + " exceeds the " +
                    std::to_string(node.gpus_per_node) + " GPUs of a " + node.id + " node");
  }
}

LengthDistribution read_length(const YamlValue& value) {
  LengthDistribution d;
  if (value.is_scalar()) {
    d.mean = static_cast<double>(value.as_integer(limits::request_tokens));
    return d;
  }
  YamlMap map(value);
  std::string kind = map.choice("distribution", {"fixed", "uniform", "normal"});
  d.kind = kind == "fixed" ? LengthDistribution::Kind::fixed
           : kind == "uniform" ? LengthDistribution::Kind::uniform : LengthDistribution::Kind::normal;
  if (auto v = map.optional_integer("mean", limits::request_tokens)) d.mean = double(*v);
  if (auto v = map.optional_integer("stdev", 0, limits::request_tokens.max)) d.stdev = double(*v);
  if (auto v = map.optional_integer("min", limits::request_tokens)) d.min = double(*v);
  if (auto v = map.optional_integer("max", limits::request_tokens)) d.max = double(*v);
  map.finish();
  if (d.min > d.max) map.require("min").fail("min exceeds max");
  if (d.kind == LengthDistribution::Kind::uniform && !(map.has("min") && map.has("max"))) {
    map.self().fail("a uniform distribution needs min and max");
  }
  if (d.kind == LengthDistribution::Kind::uniform) d.mean = (d.min + d.max) / 2;
  return d;
}

// The requests must arrive within the simulator's span limit: (requests - 1) / rate of simulated time.
void check_simulated_span(const YamlValue& rate, const ServingWorkload& w) {
  const double span_s = static_cast<double>(w.requests - 1) / w.rate;
  if (span_s > serving_limits::max_simulated_seconds) {
    rate.fail(std::to_string(w.requests) + " requests at this rate arrive over " +
              format_quantity(span_s, Dimension::time) + " of simulated time, beyond the limit of " +
              format_quantity(serving_limits::max_simulated_seconds, Dimension::time) +
              " (simulated span); raise the rate or lower requests");
  }
}

// `prefix:` — shared prompts: tokens (required), groups, zipf_exponent, share.
PrefixGroups read_prefix_groups(YamlMap map) {
  PrefixGroups p;
  p.tokens = static_cast<int>(map.integer("tokens", limits::request_tokens));
  if (auto v = map.optional_integer("groups", limits::prefix_groups)) p.groups = static_cast<int>(*v);
  if (auto v = map.get("zipf_exponent")) p.zipf_exponent = v->as_number_in(0, serving_limits::max_zipf_exponent);
  if (auto v = map.get("share")) p.share = v->as_number_in(0, 1);
  map.finish();
  return p;
}

// `conversation:` — turns (required), think_time.
Conversations read_conversations(YamlMap map) {
  Conversations c;
  c.turns = static_cast<int>(map.integer("turns", limits::conversation_turns));
  if (auto v = map.optional_quantity("think_time", Dimension::time)) {
    if (!(*v >= 0 && *v <= serving_limits::max_simulated_seconds)) {
      map.require("think_time").fail("must be 0 to 30 days");
    }
    c.think_time = *v;
  }
  map.finish();
  return c;
}

// The prefix identity of generated requests: shared_prefix (one prompt for all) or prefix, and conversation.
void read_prefix_identity(YamlMap& map, ServingWorkload& w) {
  if (auto v = map.optional_integer("shared_prefix", 0, limits::request_tokens.max)) {
    w.shared_prefix = static_cast<int>(*v);
  }
  if (auto prefix = map.optional_map("prefix")) {
    if (map.has("shared_prefix")) map.require("prefix").fail("give either shared_prefix or prefix, not both");
    w.prefix = read_prefix_groups(*prefix);
  }
  if (auto conversation = map.optional_map("conversation")) {
    if (w.arrival == ArrivalKind::trace) {
      map.require("conversation").fail("a trace states its conversations in its session_id column");
    }
    w.conversation = read_conversations(*conversation);
  }
}

void read_workload(YamlMap map, ServingWorkload& w) {
  std::string arrival = map.choice("arrival", {"poisson", "gamma", "offline", "trace"});
  w.arrival = arrival == "poisson" ? ArrivalKind::poisson : arrival == "gamma" ? ArrivalKind::gamma
              : arrival == "offline" ? ArrivalKind::offline : ArrivalKind::trace;
  if (w.arrival == ArrivalKind::trace) {
    YamlValue file = map.require("trace");
    std::filesystem::path path = file.as_string();
    if (path.is_relative()) path = std::filesystem::path(*file.file()).parent_path() / path;
    std::string text;
    try {
      text = read_text_file(path.string());
    } catch (const InputError& e) {
      file.fail("cannot read trace file '" + path.string() + "': " + e.error().message);
    }
    w.trace = parse_trace_csv(text, path.string());
    w.requests = static_cast<int64_t>(w.trace.size());
  } else {
    // An offline batch is in flight all at once; lazily drawn arrivals are held only while in flight.
    w.requests = map.integer("requests", w.arrival == ArrivalKind::offline ? limits::materialized_requests
                                                                           : limits::serving_requests);
    w.input = read_length(map.require("input"));
    w.output = read_length(map.require("output"));
  }
  if (w.arrival == ArrivalKind::poisson || w.arrival == ArrivalKind::gamma) {
    if (auto demand = map.optional_map("demand")) {
      if (map.has("rate")) map.require("rate").fail("give either rate or demand, not both");
      ServingDemand d;
      d.users = demand->quantity("users", Dimension::count);
      d.requests_per_user_per_day = demand->require("requests_per_user_per_day").as_number();
      d.peak_factor = demand->optional_quantity("peak_factor", Dimension::count).value_or(1.0);
      demand->finish();
      if (!(d.peak_rate() > 0)) demand->self().fail("users × requests_per_user_per_day must be positive");
      if (d.peak_factor < 1) demand->require("peak_factor").fail("peak_factor is the peak over the mean: at least 1");
      w.demand = d;
      w.rate = d.peak_rate();
      check_simulated_span(demand->self(), w);
    } else {
      YamlValue rate = map.require("rate");
      w.rate = rate.as_number();
      if (!(w.rate > 0)) rate.fail("rate must be a positive number of requests per second");
      check_simulated_span(rate, w);
    }
  }
  if (w.arrival == ArrivalKind::gamma) {
    YamlValue b = map.require("burstiness");
    w.burstiness = b.as_number();
    if (!(w.burstiness > 0 && w.burstiness <= serving_limits::max_burstiness)) {
      b.fail("burstiness (coefficient of variation) must be positive and at most " +
             std::to_string(static_cast<int>(serving_limits::max_burstiness)));
    }
  }
  read_prefix_identity(map, w);
  if (auto v = map.optional_integer("seed", 0, INT64_MAX)) w.seed = static_cast<uint64_t>(*v);
  map.finish();
}

void read_scheduler(YamlMap map, SchedulerConfig& s) {
  if (auto v = map.optional_integer("max_batch_sequences", limits::batch_sequences)) s.max_batch_sequences = int(*v);
  if (auto v = map.optional_integer("max_batch_tokens", limits::batch_tokens)) s.max_batch_tokens = int(*v);
  if (auto v = map.optional_boolean("chunked_prefill")) s.chunked_prefill = *v;
  if (auto v = map.optional_integer("block_tokens", 1, 4096)) s.block_tokens = int(*v);
  if (auto v = map.get("gpu_memory_fraction")) {
    s.gpu_memory_fraction = v->as_number();
    if (!(s.gpu_memory_fraction > 0 && s.gpu_memory_fraction <= 1)) v->fail("must be in (0, 1]");
  }
  if (auto v = map.optional_choice("preemption", {"recompute", "swap"})) {
    s.preemption = *v == "swap" ? PreemptionMode::swap : PreemptionMode::recompute;
  }
  if (auto v = map.optional_choice("capacity_policy", {"max_utilization", "guaranteed_no_evict"})) {
    s.capacity_policy = *v == "guaranteed_no_evict" ? CapacityPolicy::guaranteed_no_evict : CapacityPolicy::max_utilization;
  }
  if (auto v = map.optional_boolean("prefix_caching")) s.prefix_caching = *v;
  if (auto v = map.optional_positive_quantity("swap_bandwidth", Dimension::bandwidth)) s.swap_bandwidth = *v;
  map.finish();
}

// `speculative:` — method, tokens (k), acceptance (a number or one probability per draft position), draft_model.
// mtp defaults to k = 1 with acceptance 0.85: DeepSeek-V3 Technical Report (arXiv 2412.19437) §5.4.3, "the
// acceptance rate of the second token prediction ranges between 85% and 90%". The other drafters depend on the
// model pair and the data, so their acceptance must be stated.
SpeculativeDecoding read_speculative(YamlMap map, const ModelSpec& model) {
  SpeculativeDecoding spec;
  const std::string method = map.choice("method", {"draft_model", "mtp", "eagle"});
  spec.method = method == "draft_model" ? SpeculativeDecoding::Method::draft_model
                : method == "mtp"       ? SpeculativeDecoding::Method::mtp
                                        : SpeculativeDecoding::Method::eagle;
  if (auto v = map.optional_integer("tokens", limits::speculative_tokens)) spec.tokens = static_cast<int>(*v);
  if (auto v = map.get("acceptance")) {
    const std::vector<YamlValue> values = v->is_sequence() ? v->as_sequence() : std::vector<YamlValue>{*v};
    if (values.empty() || static_cast<int>(values.size()) > spec.tokens) {
      v->fail("give one acceptance probability, or one per draft position (at most tokens = " +
              std::to_string(spec.tokens) + ")");
    }
    for (const YamlValue& a : values) spec.acceptance.push_back(a.as_number_in(0, 1));
  } else if (spec.method == SpeculativeDecoding::Method::mtp) {
    spec.acceptance = {0.85};
  } else {
    map.require("acceptance");  // fails: no published default for a draft model or EAGLE head
  }
  if (spec.method == SpeculativeDecoding::Method::draft_model) {
    YamlValue draft = map.require("draft_model");
    spec.draft = ModelCatalog::builtin().model_from(draft);
    if (spec.draft->vocab != model.vocab) {
      draft.fail("the draft model's vocabulary (" + std::to_string(spec.draft->vocab) +
                 " tokens) differs from the target's (" + std::to_string(model.vocab) + "): it cannot propose its tokens");
    }
  } else if (map.has("draft_model")) {
    map.require("draft_model").fail("draft_model goes with method: draft_model (" + method +
                                    " drafts with a block of the target itself)");
  }
  map.finish();
  return spec;
}

void read_slo(YamlMap map, ServingSlo& slo) {
  if (auto v = map.optional_positive_quantity("ttft", Dimension::time)) slo.ttft = *v;
  if (auto v = map.optional_positive_quantity("tpot", Dimension::time)) slo.tpot = *v;
  if (auto v = map.optional_positive_quantity("e2e", Dimension::time)) slo.e2e = *v;
  if (auto v = map.get("attainment")) {
    slo.attainment = v->as_number();
    if (!(slo.attainment > 0 && slo.attainment <= 1)) v->fail("must be in (0, 1]");
  }
  map.finish();
}

// An engine name sets that engine's kernel list, CUDA-graph use and scheduler defaults (engine_defaults.h);
// `scheduler:` fields read later override the defaults. The PyTorch engines name their CUDA-graph use, so a
// `cuda_graphs` that says otherwise is an error on that field.
void read_engine(YamlMap& map, const Cluster& cluster, std::optional<bool> cuda_graphs, ServingConfig& c) {
  const auto v = map.optional_choice("engine", {"fused", "vllm", "sglang", "trtllm", "pytorch_eager",
                                                "pytorch_cuda_graphs"});
  if (!v) return;
  const std::optional<EnginePreset> engine = engine_preset_from_name(*v);
  if (!engine) return;  // fused: the kernel list alone
  apply_engine_execution(*engine, c.deployment);
  apply_engine_defaults(*engine, cluster.accelerator, c.scheduler);
  if (cuda_graphs && *cuda_graphs != c.deployment.cuda_graphs) {
    const std::string what = *cuda_graphs ? " launches every kernel eagerly" : " replays its decode step as a CUDA graph";
    map.require("cuda_graphs").fail("engine " + *v + what + ": use engine " +
                                    (*cuda_graphs ? "pytorch_cuda_graphs" : "pytorch_eager") + " or drop cuda_graphs");
  }
}

}  // namespace

ServingConfig read_serving_config(YamlMap map, const ModelSpec& model, const Cluster& cluster) {
  ServingConfig c;
  ServingDeployment& d = c.deployment;
  d.pool = read_pool(map, model, d.pool);  // replicas, tp at the top level
  auto prefill = map.optional_map("prefill");
  auto decode = map.optional_map("decode");
  if (prefill.has_value() != decode.has_value()) {
    map.self().fail("a disaggregated deployment needs both prefill: and decode: pools");
  }
  if (prefill) {
    if (map.has("replicas")) map.require("replicas").fail("use prefill.replicas and decode.replicas instead");
    d.prefill_pool = read_pool(*prefill, model, {});
    d.decode_pool = read_pool(*decode, model, {});
    d.prefill_pool->hardware = read_pool_hardware(*prefill, cluster, "prefill");
    d.decode_pool->hardware = read_pool_hardware(*decode, cluster, "decode");
    prefill->finish();
    decode->finish();
  }
  if (auto v = map.optional_choice("weights", {"bf16", "fp16", "fp8"})) d.weights = *dtype_from_name(*v);
  if (auto v = map.optional_choice("kv_cache_dtype", {"bf16", "fp16", "fp8"})) {
    d.kv_bytes_per_element = *v == "fp8" ? 1 : 2;
  }
  const std::optional<bool> cuda_graphs = map.optional_boolean("cuda_graphs");
  if (cuda_graphs) d.cuda_graphs = *cuda_graphs;
  read_engine(map, cluster, cuda_graphs, c);
  if (auto v = map.optional_choice("cuda_graph_batches", {"exact", "trtllm", "trtllm_1_0", "vllm", "sglang"})) {
    if (!d.cuda_graphs && *v != "exact") {
      map.require("cuda_graph_batches").fail("pads the batches of CUDA-graph replays, but this engine runs without "
                                             "CUDA graphs (cuda_graphs: false or engine pytorch_eager)");
    }
    d.cuda_graph_batches = *v == "trtllm"       ? CudaGraphBatches::trtllm
                           : *v == "trtllm_1_0" ? CudaGraphBatches::trtllm_1_0
                           : *v == "vllm"       ? CudaGraphBatches::vllm
                           : *v == "sglang"     ? CudaGraphBatches::sglang
                                                : CudaGraphBatches::exact;
  }
  if (auto v = map.optional_quantity("host_time_per_sequence", Dimension::time)) {
    if (!(*v >= 0 && *v <= 1)) map.require("host_time_per_sequence").fail("must be 0 to 1 s");
    d.host_seconds_per_sequence = *v;
  }
  if (auto v = map.optional_choice("router", {"round_robin", "least_outstanding", "prefix_aware"})) {
    d.router = *v == "round_robin"         ? RouterPolicy::round_robin
               : *v == "least_outstanding" ? RouterPolicy::least_outstanding
                                           : RouterPolicy::prefix_aware;
  }
  if (auto v = map.optional_integer("routers", limits::serving_routers)) {
    d.routers = static_cast<int>(*v);
    if (const int replicas = d.replicas_routers_do_not_divide()) {
      map.require("routers").fail(std::to_string(d.routers) + " routers do not divide the " +
                                  std::to_string(replicas) + " replicas of a pool (each router serves an "
                                  "equal share of every pool)");
    }
  }
  if (auto v = map.optional_map("speculative")) d.speculative = read_speculative(*v, model);
  if (auto v = map.optional_map("moe")) d.moe = read_moe_serving(*v, model);
  if (auto v = map.optional_positive_quantity("kv_transfer_bandwidth", Dimension::bandwidth)) d.kv_transfer_bandwidth = *v;
  if (auto v = map.optional_positive_quantity("price_per_gpu", Dimension::usd_per_hour)) d.price_per_gpu_hour = *v;
  d.gpu_hour_cost = gpu_hour_cost(cluster, default_cost_assumptions());
  if (d.disaggregated()) {
    settle_pool_hardware(*d.prefill_pool, cluster);
    settle_pool_hardware(*d.decode_pool, cluster);
  }
  if (auto s = map.optional_map("scheduler")) read_scheduler(*s, c.scheduler);
  read_workload(map.map("workload"), c.workload);
  if (auto s = map.optional_map("slo")) read_slo(*s, c.slo);
  if (auto v = map.optional_positive_quantity("sample_interval", Dimension::time)) c.sample_interval = *v;
  map.finish();
  check_pools_fit(map, d, cluster);
  return c;
}

}  // namespace stargate
