#include "net_command.h"

#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "exit_codes.h"
#include "net_flow_aggregation.h"
#include "output_figures.h"
#include "option_checks.h"
#include "stargate/catalog/catalog.h"
#include "stargate/core/edit_distance.h"
#include "stargate/core/units.h"
#include "stargate/net/algorithm_choice.h"
#include "stargate/net/concurrent_collectives.h"

namespace stargate::cli {
namespace {

struct NetArgs {
  std::string accelerator, node = "dgx-h100", fabric = kDefaultScaleOutFabric, op = "all_reduce", algo = "auto";
  std::string min_bytes = "8", max_bytes = "8G";
  int gpus = 8, ranks_per_domain = 0, planes = 1, step_factor = 2;
  double leaf_oversubscription = 1, spine_oversubscription = 1;
  bool top_of_rack = false, flow = false, json = false, in_network_reduction = false;
};

Error bad(const std::string& message, const std::string& field) {
  return Error{ErrorKind::invalid_input, message, field, {}};
}

template <typename Spec>
Result<Spec> preset(const std::vector<Spec>& specs, const std::string& id, const std::string& field) {
  std::vector<std::string> ids;
  for (const Spec& s : specs) {
    if (s.id == id) return s;
    ids.push_back(s.id);
  }
  std::string hint;
  if (const auto near = suggest_names(id, ids); !near.empty()) {
    hint = " (did you mean " + quoted_alternatives(near) + "?)";
  }
  return bad("no preset named '" + id + "'" + hint + "; `stargate catalog list` shows them all", field);
}

// nccl-tests spellings ("8", "64K", "8G": binary multiples) or a quantity with its unit ("1GiB", "256MB").
Result<double> parse_size(const std::string& text, const std::string& field) {
  if (!text.empty() && std::string("KMGT").find(text.back()) != std::string::npos) {
    Result<double> count = parse_quantity(text.substr(0, text.size() - 1), Dimension::count);
    const double scale = 1ull << (10 * (1 + std::string("KMGT").find(text.back())));
    if (count.ok()) return count.value() * scale;
  }
  Result<double> plain = parse_quantity(text, Dimension::count);
  if (plain.ok()) return plain;
  Result<double> bytes = parse_quantity(text, Dimension::bytes);
  if (!bytes.ok()) return bad("'" + text + "' is not a size: write 8, 64K, 8G or 1GiB", field);
  return bytes;
}

Result<Collective> parse_op(const std::string& op) {
  if (auto value = net::parse_collective(op)) return *value;
  return bad("unknown collective '" + op + "'; one of all_reduce, all_gather, reduce_scatter, all_to_all, send_recv",
             "--op");
}

// How the algorithm of each row was chosen: forced by --algo, or the fastest per size of those available, with
// why each other algorithm was not considered.
struct AlgorithmSelection {
  std::string text;     // one "# algorithm: ..." comment line
  nlohmann::json json;  // {"mode", "considered", "excluded": [{"algorithm", "reason"}]}
};

AlgorithmSelection describe_selection(const net::Topology& topology, Collective op, const CommGroup& group,
                                      net::Algorithm algo, bool forced_reduction) {
  AlgorithmSelection out;
  const bool automatic = algo == net::Algorithm::automatic;
  std::string considered, excluded;
  nlohmann::json considered_json = nlohmann::json::array(), excluded_json = nlohmann::json::array();
  for (const net::AlgorithmOption& o : net::algorithm_options(topology, op, group)) {
    const std::string name(net::algorithm_name(o.algorithm));
    if (o.available && (automatic || o.algorithm == algo)) {
      considered += (considered.empty() ? "" : ", ") + name;
      considered_json.push_back(name);
    } else if (automatic) {
      excluded += (excluded.empty() ? "" : "; ") + name + ": " + o.reason;
      excluded_json.push_back({{"algorithm", name}, {"reason", o.reason}});
    }
  }
  const std::string forced_note = forced_reduction ? " (in-network reduction forced by --in-network-reduction)" : "";
  out.text = automatic ? "# algorithm: auto, the fastest per size of " + considered + forced_note +
                             (excluded.empty() ? "" : "; not considered: " + excluded) + "\n"
                       : "# algorithm: " + considered + ", forced by --algo" + forced_note + "\n";
  out.json = {{"mode", automatic ? "auto" : "forced"}, {"considered", considered_json}, {"excluded", excluded_json},
              {"in_network_reduction_forced", forced_reduction}};
  return out;
}

std::optional<Error> check_counts(const NetArgs& a) {
  if (a.gpus < 1 || a.gpus > 1 << 20) return bad("must be between 1 and 1048576", "--gpus");
  if (a.step_factor < 2) return bad("must be at least 2", "--step-factor");
  if (a.planes < 1) return bad("must be at least 1", "--planes");
  if (a.leaf_oversubscription < 1 || a.spine_oversubscription < 1) {
    return bad("oversubscription is a down:up ratio of at least 1", "--leaf-oversubscription");
  }
  return std::nullopt;
}

net::Topology net_topology(const NetArgs& a, const Cluster& cluster) {
  net::TopologyOptions options = net::default_topology_options(cluster);
  options.rail_optimized = !a.top_of_rack;
  options.planes = a.planes;
  options.leaf_oversubscription = a.leaf_oversubscription;
  options.spine_oversubscription = a.spine_oversubscription;
  return a.flow ? net::build_topology(cluster, options) : net::build_topology_summary(cluster, options);
}

int run(const NetArgs& a) {
  const Catalog& catalog = Catalog::builtin();
  Result<NodeSpec> node = preset(catalog.nodes(), a.node, "--node");
  if (!node.ok()) return report_error(node.error());
  Result<AcceleratorSpec> accel =
      preset(catalog.accelerators(), a.accelerator.empty() ? node.value().accelerator : a.accelerator, "--accelerator");
  if (!accel.ok()) return report_error(accel.error());
  Result<FabricSpec> fabric = preset(catalog.fabrics(), a.fabric, "--fabric");
  if (!fabric.ok()) return report_error(fabric.error());
  Result<Collective> op = parse_op(a.op);
  if (!op.ok()) return report_error(op.error());
  std::optional<net::Algorithm> algo = net::parse_algorithm(a.algo);
  if (!algo) return report_error(bad("unknown algorithm '" + a.algo + "'; one of auto, ring, tree, nvls, collnet, direct", "--algo"));
  if (std::optional<Error> e = check_counts(a)) return report_error(*e);
  Result<double> min_bytes = parse_size(a.min_bytes, "--min-bytes");
  if (!min_bytes.ok()) return report_error(min_bytes.error());
  Result<double> max_bytes = parse_size(a.max_bytes, "--max-bytes");
  if (!max_bytes.ok()) return report_error(max_bytes.error());
  if (min_bytes.value() < 1 || max_bytes.value() < min_bytes.value() || max_bytes.value() > 1e15) {
    return report_error(bad("need 1 <= --min-bytes <= --max-bytes <= 1PB", "--max-bytes"));
  }

  FabricSpec fabric_spec = fabric.value();
  if (a.in_network_reduction) fabric_spec.in_network_reduction = true;
  const net::Topology topology = net_topology(a, Cluster{accel.value(), node.value(), fabric_spec, a.gpus});
  const int per_domain = a.ranks_per_domain > 0 ? std::min(a.ranks_per_domain, a.gpus)
                                                 : std::min(a.gpus, topology.gpus_per_domain());
  const CommGroup group{a.gpus, per_domain};
  if (const std::string why = net::algorithm_unavailable_reason(topology, op.value(), group, *algo); !why.empty()) {
    return report_error(bad("algorithm '" + a.algo + "' cannot run " + a.op + " here: " + why, "--algo"));
  }
  const AlgorithmSelection selection =
      describe_selection(topology, op.value(), group, *algo, a.in_network_reduction);
  const std::vector<int> ranks = a.flow ? flow_ranks(a.gpus, topology, per_domain) : std::vector<int>{};
  if (a.flow && ranks.back() >= topology.gpus()) {
    return report_error(bad("ranks do not fit the cluster", "--ranks-per-domain"));
  }
  const FlowAggregationInfo aggregation =
      a.flow ? describe_flow_aggregation(topology, op.value(), ranks, per_domain) : FlowAggregationInfo{};
  if (aggregation.error) return report_error(*aggregation.error);
  nlohmann::json rows = nlohmann::json::array();
  if (!a.json) {
    std::cout << fmt::format("# stargate net: {} on {} x {} ({}, {}), {} ranks per scale-up domain, {}-tier {} fat "
                             "tree, {} model\n", a.op, a.gpus, accel.value().id, node.value().id, fabric.value().id,
                             per_domain, topology.tiers(), a.top_of_rack ? "top-of-rack" : "rail-optimized",
                             a.flow ? "flow" : "analytical");
    std::cout << selection.text << aggregation.text;
    std::cout << fmt::format("# {:>12} {:>12} {:>14} {:>11} {:>9} {:>9}\n", "size (B)", "count", "algo/proto",
                             "time (us)", "algbw", "busbw");
  }
  for (double bytes = min_bytes.value(); bytes <= max_bytes.value(); bytes *= a.step_factor) {
    net::CollectiveEstimate e = net::estimate_collective(topology, op.value(), bytes, group, *algo);
    if (a.flow) {
      const net::FlowSimulation sim = net::simulate_collectives(topology, {{op.value(), bytes, ranks, *algo}});
      e.seconds = sim.jobs[0].seconds;
      e.algbw_bytes_per_s = e.seconds > 0 ? bytes / e.seconds : 0;
      e.busbw_bytes_per_s = e.algbw_bytes_per_s * net::bus_bandwidth_factor(op.value(), a.gpus);
    }
    const std::string algo_proto = fmt::format("{}/{}", net::algorithm_name(e.algorithm), net::protocol_name(e.protocol));
    if (a.json) {
      rows.push_back({{"bytes", bytes}, {"count", bytes / 4}, {"algorithm", net::algorithm_name(e.algorithm)},
                      {"protocol", net::protocol_name(e.protocol)}, {"time_us", e.seconds * 1e6},
                      {"algbw_GBps", e.algbw_bytes_per_s / 1e9}, {"busbw_GBps", e.busbw_bytes_per_s / 1e9}});
    } else {
      std::cout << fmt::format("  {:>12.0f} {:>12.0f} {:>14} {:>11.2f} {:>9.2f} {:>9.2f}\n", bytes, bytes / 4,
                               algo_proto, e.seconds * 1e6, e.algbw_bytes_per_s / 1e9, e.busbw_bytes_per_s / 1e9);
    }
  }
  if (a.json) {
    nlohmann::json out = {{"op", a.op}, {"gpus", a.gpus}, {"ranks_per_domain", per_domain},
                          {"accelerator", accel.value().id}, {"node", node.value().id}, {"fabric", fabric.value().id},
                          {"tiers", topology.tiers()}, {"model", a.flow ? "flow" : "analytical"},
                          {"algorithm_selection", selection.json}, {"rows", rows}};
    if (!aggregation.json.is_null()) out["flow_aggregation"] = aggregation.json;
    std::cout << json_text(out) << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_net_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<NetArgs>();
  CLI::App* net = app.add_subcommand("net", "Collective time and bus bandwidth over message sizes (like nccl-tests)");
  net->add_option("--accelerator", a->accelerator, "Accelerator preset (default: the node's)");
  net->add_option("--node", a->node, "Node or rack preset")->capture_default_str();
  net->add_option("--fabric", a->fabric, "Scale-out fabric preset")->capture_default_str();
  net->add_option("--gpus", a->gpus, "Ranks in the communicator (and GPUs in the cluster)")->capture_default_str()
      ->check(whole_number_in(1, 1 << 20));
  net->add_option("--ranks-per-domain", a->ranks_per_domain, "Ranks per scale-up domain (default: as many as fit)")
      ->check(whole_number_in(1, 1 << 20));
  net->add_option("--op", a->op, "all_reduce, all_gather, reduce_scatter, all_to_all, send_recv")->capture_default_str();
  net->add_option("--algo", a->algo, "auto, ring, tree, nvls, collnet, direct")->capture_default_str();
  net->add_option("--min-bytes,-b", a->min_bytes, "Smallest message (8, 64K, 8G, 1GiB)")->capture_default_str();
  net->add_option("--max-bytes,-e", a->max_bytes, "Largest message")->capture_default_str();
  net->add_option("--step-factor,-f", a->step_factor, "Multiply the size by this each row")->capture_default_str()
      ->check(whole_number_in(2, 1 << 20));
  net->add_option("--planes", a->planes, "Parallel fabric planes")->capture_default_str()->check(whole_number_in(1, 64));
  net->add_option("--leaf-oversubscription", a->leaf_oversubscription, "Leaf down:up ratio")->capture_default_str()
      ->check(finite_number_in(1, 1000));
  net->add_option("--spine-oversubscription", a->spine_oversubscription, "Spine down:up ratio (3 tiers)")
      ->check(finite_number_in(1, 1000));
  net->add_flag("--top-of-rack", a->top_of_rack, "All NICs of a node on one leaf instead of rail-optimized");
  net->add_flag("--in-network-reduction", a->in_network_reduction,
                "Treat the fabric as SHARP-enabled (in_network_reduction: true) so collnet may be chosen");
  net->add_flag("--flow", a->flow, "Use the flow-level model (max-min fair sharing) for the bandwidth term");
  net->add_flag("--json", a->json, "Print JSON instead of a table");
  net->callback([a, &exit_code] { exit_code = run(*a); });
}

}  // namespace stargate::cli
