#include <pybind11/stl.h>

#include "bindings.h"
#include "estimate_dict.h"
#include "python_errors.h"
#include "stargate/core/units.h"
#include "stargate/jobs/search_job.h"
#include "stargate/jobs/train_job.h"
#include "stargate/report/search_report.h"
#include "stargate/report/training_report.h"

namespace stargate::python {
namespace py = pybind11;
namespace {

// The estimate's figures as a dict (estimate_dict.h): the fast path, no JSON text.
py::dict estimate_training(const Scenario& s) { return estimate_dict(s, value_or_raise(run_train_job(s))); }

// What `stargate train SCENARIO --json` prints.
std::string estimate_training_json(const Scenario& s) {
  TrainJobResult run = value_or_raise(run_train_job(s));
  const PlanCompletion* completion = run.completion ? &*run.completion : nullptr;
  if (!completion) return training_to_json(s, run.estimate, run.totals, std::nullopt, nullptr, &run.confidence);
  Scenario completed = s;  // the plan as completed, for the output
  completed.training = run.job;
  return training_to_json(completed, run.estimate, run.totals, std::nullopt, completion, &run.confidence);
}

// What `stargate search SCENARIO --json` prints for a training scenario (exhaustive, in this process).
std::string search_training_json(const Scenario& s, const std::string& objective, size_t top, int threads,
                                 double max_step_seconds, double min_mfu, double max_memory_gib) {
  const std::optional<SearchObjective> named = search_objective_named(objective);
  if (!named) {
    throw LibraryError{Error{ErrorKind::invalid_input, "unknown objective '" + objective +
                                                           "': one of step-time, mfu, cost, energy",
                             "objective", {}}};
  }
  const TrainingSearchRequest request{
      .objective = *named,
      .top = top,
      .threads = threads,
      .constraints = {max_step_seconds, min_mfu, max_memory_gib * kBytesPerGiB}};
  TrainingSearchOutcome outcome = value_or_raise(run_training_search(s, request));
  const ReferencePlan reference{.score = outcome.reference_score, .rank = outcome.reference_rank};
  return search_to_json(s, outcome.result, reference, objective, outcome.best_estimates);
}

}  // namespace

void bind_training(py::module_& m) {
  m.def("estimate_training", &estimate_training, py::arg("scenario"),
        "The figures of `stargate train --json` on a loaded scenario, as a dict");
  m.def("estimate_training_json", &estimate_training_json, py::arg("scenario"),
        py::call_guard<py::gil_scoped_release>(), "`stargate train --json` on a loaded scenario");
  m.def("search_training_json", &search_training_json, py::arg("scenario"), py::arg("objective"), py::arg("top"),
        py::arg("threads"), py::arg("max_step_seconds"), py::arg("min_mfu"), py::arg("max_memory_gib"),
        py::call_guard<py::gil_scoped_release>(), "`stargate search --json` on a loaded training scenario");
}

}  // namespace stargate::python
