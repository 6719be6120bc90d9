#include "estimate_dict.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace stargate::python {
namespace py = pybind11;
namespace {

// A key spelled at compile time, made once as an interned Python string and kept for the interpreter's lifetime.
template <size_t N>
struct KeyText {
  char text[N];
  constexpr KeyText(const char (&s)[N]) { std::copy_n(s, N, text); }  // NOLINT(google-explicit-constructor)
};

template <KeyText name>
PyObject* key() {
  static PyObject* interned = PyUnicode_InternFromString(name.text);
  return interned;
}

// Stores `value` (a new reference, consumed) under `k`.
void put(PyObject* dict, PyObject* k, PyObject* value) {
  PyDict_SetItem(dict, k, value);
  Py_DECREF(value);
}

template <KeyText name>
void put_float(PyObject* dict, double value) {
  put(dict, key<name>(), PyFloat_FromDouble(value));
}

template <KeyText name>
void put_int(PyObject* dict, long long value) {
  put(dict, key<name>(), PyLong_FromLongLong(value));
}

// The operator classes' names (workload/layer_operators.h), made once like key().
PyObject* op_class_key(int op_class) {
  static const std::array<PyObject*, kOpClassCount> keys = [] {
    std::array<PyObject*, kOpClassCount> made{};
    for (int i = 0; i < kOpClassCount; ++i) made[i] = PyUnicode_InternFromString(op_class_name(static_cast<OpClass>(i)));
    return made;
  }();
  return keys[op_class];
}

PyObject* breakdown(const StepBreakdown& b) {
  PyObject* compute = PyDict_New();
  for (int i = 0; i < kOpClassCount; ++i) put(compute, op_class_key(i), PyFloat_FromDouble(b.compute_seconds[i]));
  PyObject* d = PyDict_New();
  put(d, key<"compute">(), compute);
  put_float<"recompute">(d, b.recompute_seconds);
  put_float<"tp_comm">(d, b.tp_comm_seconds);
  put_float<"cp_comm">(d, b.cp_comm_seconds);
  put_float<"ep_comm">(d, b.ep_comm_seconds);
  put_float<"pp_comm">(d, b.pp_comm_seconds);
  put_float<"dp_comm">(d, b.dp_comm_seconds);
  put_float<"bubble">(d, b.bubble_seconds);
  put_float<"optimizer">(d, b.optimizer_seconds);
  put_float<"offload">(d, b.offload_seconds);
  return d;
}

PyObject* memory(const TrainingEstimate& e) {
  const MemoryBreakdown& m = e.memory;
  PyObject* d = PyDict_New();
  put_int<"stage">(d, m.stage);
  put_float<"weights">(d, m.weights_bytes);
  put_float<"gradients">(d, m.gradients_bytes);
  put_float<"optimizer">(d, m.optimizer_bytes);
  put_float<"activations">(d, m.activations_bytes);
  put_float<"logits">(d, m.logits_bytes);
  put_float<"buffers">(d, m.buffers_bytes);
  put_float<"total">(d, m.total_bytes());
  put_float<"capacity">(d, e.hbm_capacity_bytes);
  put_float<"headroom">(d, e.memory_headroom_bytes);
  return d;
}

PyObject* run_totals(const TrainingJob& job, const TrainingRunTotals& run) {
  PyObject* d = PyDict_New();
  put_float<"tokens">(d, job.tokens_total);
  put_float<"steps">(d, run.steps);
  put_float<"wall_seconds">(d, run.wall_seconds);
  put_float<"gpu_hours">(d, run.gpu_hours);
  put_float<"it_energy_joules">(d, run.it_energy_joules);
  return d;
}

PyObject* notes(const std::vector<std::string>& lines) {
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(lines.size()));
  for (size_t i = 0; i < lines.size(); ++i) {
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), PyUnicode_DecodeUTF8(lines[i].data(), lines[i].size(), "replace"));
  }
  return list;
}

}  // namespace

py::dict estimate_dict(const Scenario& s, const TrainJobResult& run) {
  const TrainingEstimate& e = run.estimate;
  const AcceleratorSpec& card = s.cluster.accelerator;
  PyObject* d = PyDict_New();
  put_float<"step_seconds">(d, e.step_seconds);
  put_int<"micro_batches">(d, e.micro_batches);
  put_float<"tokens_per_step">(d, e.tokens_per_step);
  put_float<"tokens_per_second">(d, e.tokens_per_second);
  put_float<"model_flops_per_step">(d, e.model_flops_per_step);
  put_float<"hardware_flops_per_step">(d, e.hardware_flops_per_step);
  put_float<"mfu">(d, e.mfu);
  put_float<"hfu">(d, e.hfu);
  put_float<"mfu_peak_flops_per_s">(d, card.bf16_peak_flops_per_s());
  put_float<"precision_peak_flops_per_s">(d, card.precision_peak_flops_per_s(run.job.plan.precision));
  put(d, key<"fits">(), PyBool_FromLong(e.fits));
  put(d, key<"breakdown_seconds">(), breakdown(e.breakdown));
  put(d, key<"memory_bytes">(), memory(e));
  put(d, key<"run">(), run_totals(run.job, run.totals));
  put(d, key<"notes">(), notes(e.notes));
  return py::reinterpret_steal<py::dict>(d);
}

}  // namespace stargate::python
