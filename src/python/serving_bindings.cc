#include <pybind11/stl.h>

#include <chrono>

#include "bindings.h"
#include "python_errors.h"
#include "stargate/jobs/serve_job.h"
#include "stargate/report/deployment_search_report.h"
#include "stargate/report/serving_report.h"

namespace stargate::python {
namespace py = pybind11;
namespace {

// What `stargate serve SCENARIO --json [--requests N] [--offline]` prints (requests 0: the scenario's own).
std::string serve_json(const Scenario& s, int64_t requests, bool offline) {
  if (offline) return offline_batch_to_json(value_or_raise(run_offline_job(s, requests)));
  return serving_to_json(value_or_raise(run_serve_job(s, requests)));
}

// What `stargate serve SCENARIO --capacity --json [--accelerators ...]` prints.
std::string serve_capacity_json(const Scenario& s, const std::vector<std::string>& accelerators, int64_t requests) {
  return capacity_to_json(value_or_raise(run_capacity_job(s, accelerators, requests)));
}

// What `stargate serve SCENARIO --search --json` prints (probe_requests 0: the search's default).
std::string search_deployments_json(const Scenario& s, const std::vector<std::string>& accelerators, size_t top,
                                    int probe_requests) {
  DeploymentSearchOptions options;
  options.accelerators = accelerators;
  options.top = top;
  if (probe_requests > 0) options.probe_requests = probe_requests;
  const auto start = std::chrono::steady_clock::now();
  DeploymentSearchResult result = value_or_raise(run_deployment_search_job(s, options));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return deployment_search_to_json(result, seconds);
}

}  // namespace

void bind_serving(py::module_& m) {
  const auto release = py::call_guard<py::gil_scoped_release>();
  m.def("serve_json", &serve_json, py::arg("scenario"), py::arg("requests"), py::arg("offline"), release);
  m.def("serve_capacity_json", &serve_capacity_json, py::arg("scenario"), py::arg("accelerators"),
        py::arg("requests"), release);
  m.def("search_deployments_json", &search_deployments_json, py::arg("scenario"), py::arg("accelerators"),
        py::arg("top"), py::arg("probe_requests"), release);
}

}  // namespace stargate::python
