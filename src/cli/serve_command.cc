#include "serve_command.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "exit_codes.h"
#include "mpi_router_exchange.h"
#include "output_figures.h"
#include "option_checks.h"
#include "stargate/catalog/catalog.h"
#include "stargate/jobs/serve_job.h"
#include "stargate/core/value_limits.h"
#include "output_file.h"
#include "progress_bar.h"
#include "serving_search_cli.h"
#include "stargate/report/serving_report.h"
#include "stargate/scenario/scenario.h"

namespace stargate::cli {
namespace {

struct ServeArgs {
  std::string scenario;
  bool json = false;
  bool capacity = false;
  bool search = false;
  bool offline = false;  // --offline: the workload as a static batch queued at t = 0
  size_t top = 5;
  int probe_requests = 0;
  std::string trace;
  int64_t requests = 0;
  std::vector<std::string> accelerators;
  std::vector<std::string> decode_accelerators;  // --search: the decode pool may also run on these (mixed hardware)
  std::vector<std::string> emit;  // --emit ENGINE DIR
  FrontFiles front_files;         // --csv FILE, --svg FILE
};

// --emit ENGINE DIR, checked before any work: it needs --search, a known engine and a usable directory.
Result<std::optional<EmitRequest>> emit_request(const ServeArgs& args) {
  if (args.emit.empty()) return std::optional<EmitRequest>();
  if (!args.search) {
    return Error{ErrorKind::invalid_input,
                 "--emit writes the launch files of the deployment a search chooses: add --search", "--emit", {}};
  }
  Result<EmitRequest> parsed = parse_emit_request(args.emit);
  if (!parsed.ok()) return parsed.error();
  return std::optional<EmitRequest>(parsed.value());
}

// --csv and --svg write the deployment front of a search: without --search they are an error, before any work.
Status check_front_files(const ServeArgs& args) {
  if (args.search) return Status::success();
  for (const auto& [flag, path] : {std::pair{"--csv", &args.front_files.csv}, std::pair{"--svg", &args.front_files.svg}}) {
    if (!path->empty()) {
      return Error{ErrorKind::invalid_input,
                   std::string(flag) + " writes the deployment front of a search: add --search", flag, {}};
    }
  }
  return Status::success();
}

// --offline runs the workload itself as a static batch: it cannot be combined with sizing or searching.
Status check_offline(const ServeArgs& args) {
  if (!args.offline || !(args.capacity || args.search)) return Status::success();
  const char* other = args.capacity ? "--capacity" : "--search";
  return Error{ErrorKind::invalid_input,
               std::string("--offline runs the scenario's workload as one static batch; ") + other +
                   " sizes deployments for its arrivals: use one or the other",
               "--offline", {}};
}

// The scenario's load simulated (or run offline) and reported. Under mpirun the router groups are split over the
// ranks (MpiRouterExchange) and rank 0 alone draws progress, writes the trace and prints; with one router the other
// ranks have nothing to do.
int run_simulation(const ServeArgs& args, const Scenario& s) {
  const MpiContext mpi;  // a no-op unless launched by mpirun
  const bool root = mpi.rank() == 0;
  if (!root && !(s.serving && s.serving->deployment.routers > 1)) return kExitOk;
  const MpiRouterExchange exchange(mpi);
  SimulationOptions options;
  options.record_trace = !args.trace.empty();
  if (mpi.distributed()) options.group_exchange = &exchange;
  ProgressBar bar("requests", !args.json && root && stderr_is_terminal(), kProgressShowAfter);
  // Rank 0 sees its own groups' progress only: about 1 / ranks of the whole.
  options.progress = [&bar, &mpi](size_t done, size_t total) { bar.update(std::min(done * mpi.size(), total), total); };
  Result<ServingResult> result =
      args.offline ? run_offline_job(s, args.requests, options) : run_serve_job(s, args.requests, options);
  bar.finish();
  if (!root) return kExitOk;  // its groups went to rank 0, which reports the result or any error
  if (!result.ok()) return report_error(result.error());
  const std::string json = args.offline ? offline_batch_to_json(result.value()) : serving_to_json(result.value());
  if (Status figures = check_output_figures(json); !figures.ok()) return report_error(figures.error());
  if (!args.trace.empty()) {
    Status written = write_file_atomically(args.trace, serving_trace(result.value()));
    if (!written.ok()) return report_error(written.error());
  }
  if (args.json) {
    std::cout << json;
  } else {
    std::cout << (args.offline ? offline_batch_to_text(result.value()) : serving_to_text(result.value()));
  }
  return kExitOk;
}

int run_serve(const ServeArgs& args) {
  if (Status offline = check_offline(args); !offline.ok()) return report_error(offline.error());
  if (Status known = check_accelerator_ids(args.accelerators); !known.ok()) return report_error(known.error());
  if (Status known = check_accelerator_ids(args.decode_accelerators, "--decode-accelerators"); !known.ok()) {
    return report_error(known.error());
  }
  if (!args.decode_accelerators.empty() && !args.search) {
    return report_error(Error{ErrorKind::invalid_input,
                              "--decode-accelerators gives the search more hardware for the decode pool: add --search",
                              "--decode-accelerators", {}});
  }
  Result<std::optional<EmitRequest>> emit = emit_request(args);
  if (!emit.ok()) return report_error(emit.error());
  if (Status files = check_front_files(args); !files.ok()) return report_error(files.error());
  if (args.search) {
    DeploymentSearchOptions options;
    options.catalog = &Catalog::builtin();
    options.accelerators = args.accelerators;
    options.decode_accelerators = args.decode_accelerators;
    options.top = args.top;
    if (args.probe_requests > 0) options.probe_requests = args.probe_requests;
    return run_serving_search(args.scenario, options, args.json, emit.value(), args.front_files);
  }
  Result<Scenario> loaded = load_scenario_file(args.scenario);
  if (!loaded.ok()) return report_error(loaded.error());
  const Scenario& s = loaded.value();
  if (args.capacity) {
    Result<CapacityPlan> plan = run_capacity_job(s, args.accelerators, args.requests);
    if (!plan.ok()) return report_error(plan.error());
    const std::string json = capacity_to_json(plan.value());
    if (Status figures = check_output_figures(json); !figures.ok()) return report_error(figures.error());
    if (args.json) {
      std::cout << json;
    } else {
      std::cout << capacity_to_text(plan.value());
    }
    return kExitOk;
  }
  return run_simulation(args, s);
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Simulate serving a load: latency percentiles, goodput, cost");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file with cluster, model and serving sections")
      ->required();
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->add_option("--trace", args->trace, "Write Chrome trace events (iterations, requests) to this file");
  cmd->add_flag("--capacity", args->capacity, "Find the fewest GPUs and cheapest deployment per accelerator");
  cmd->add_flag("--search", args->search,
                "Search deployments (accelerator, TP/PP/EP, batch limits, prefill:decode split) for the lowest cost");
  cmd->add_flag("--offline", args->offline,
                "Run the workload as an offline benchmark (trtllm-bench, vLLM benchmark_throughput): a static batch "
                "of --requests N requests (default the workload's) all queued at t = 0, no arrivals; a trace "
                "workload replays its rows' lengths at t = 0");
  add_accelerators_option(*cmd, args->accelerators, "With --capacity or --search: accelerators to consider (default all)");
  add_accelerators_option(*cmd, args->decode_accelerators,
                          "With --search: also try each disaggregated deployment with its decode pool on these "
                          "accelerators (mixed hardware; default: the prefill pool's)",
                          "--decode-accelerators");
  cmd->add_option("--top", args->top, "With --search: how many deployments to print (default 5)")
      ->check(whole_number_in(1, 1000));
  cmd->add_option("--probe-requests", args->probe_requests, "With --search: requests simulated per SLO probe")
      ->check(whole_number_in(1, limits::materialized_requests.max));
  cmd->add_option("--emit", args->emit,
                  "With --search: write launch files for the cheapest deployment, ENGINE (vllm, sglang, trtllm or "
                  "dynamo) into DIR")
      ->expected(2)
      ->type_name("ENGINE DIR");
  cmd->add_option("--csv", args->front_files.csv,
                  "With --search: write every deployment sized, with its figures and an on_front column, to this "
                  "CSV file");
  cmd->add_option("--svg", args->front_files.svg,
                  "With --search: write the tokens/s per GPU vs tokens/s per user fronts (aggregated and "
                  "disaggregated side by side) to this SVG file");
  cmd->add_option("--requests", args->requests,
                  "Override the number of simulated requests (not for a trace workload; with --offline at most " +
                      std::to_string(limits::materialized_requests.max) + ")")
      ->check(whole_number_in(1, limits::serving_requests.max));
  cmd->callback([args, &exit_code] { exit_code = run_serve(*args); });
}

}  // namespace stargate::cli
