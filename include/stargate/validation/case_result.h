#pragma once
// One validation case predicted from its configuration and compared with its published measurement.
#include <string>
#include <utility>
#include <vector>

#include "stargate/core/progress.h"
#include "stargate/core/result.h"
#include "stargate/validation/prediction_class.h"

namespace stargate {

struct CaseResult {
  std::string file;    // validation file the case came from
  std::string id;      // case id
  std::string source;  // short source label used for per-source statistics ("Narayanan 2021", "NeMo", ...)
  std::string metric;  // the metric the source publishes, e.g. "iteration_time_s", "tflops_per_gpu", "mfu_pct"
  double predicted = 0;
  double measured = 0;
  bool skipped = false;
  std::string skip_reason;  // why the case cannot be modeled (counted, never silently dropped)
  // Skipped for a value no reading makes sense of (tp 0, a negative length): skip_reason is the located error
  // ("file:line: field: problem"); the file's other cases still run and `validate` warns on stderr.
  bool input_error = false;
  std::string note;         // assumptions made for this case (defaults filled in, device mapped, ...)
  // The case says `unverified: true` (its number could not be checked against the source): predicted and listed,
  // never counted in the error statistics (validation README).
  bool unverified = false;
  // Where the predicted time goes (training cases): named parts of one step, seconds ("gemm", "bubble", ...).
  std::vector<std::pair<std::string, double>> breakdown_seconds;
  // Training cases: the class of the prediction for the error bands (validation/prediction_confidence.h); empty
  // fields when the case was skipped before its hardware was known, or for inference cases.
  PredictionClass prediction_class;

  // (predicted − measured) / measured.
  double signed_error() const { return measured != 0 ? (predicted - measured) / measured : 0; }
};

// Validation files in the public schemas (../shared/validation): each returns one result per case, skipped ones
// included. Contract: never throws; a file that is not in the schema at all (invalid YAML/JSON, no case list) is
// an Error naming file and line; a case that cannot be modeled, or that holds an impossible value, is a skipped
// CaseResult with its reason (input_error set for the latter).
using CaseResults = Result<std::vector<CaseResult>>;
CaseResults validate_training_cases(const std::string& text, const std::string& file);
CaseResults validate_inference_cases(const std::string& text, const std::string& file);
// The same telling `progress` (core/progress.h) of the cases done, out of the file's, after each case.
CaseResults validate_training_cases(const std::string& text, const std::string& file, const ProgressCallback& progress);
CaseResults validate_inference_cases(const std::string& text, const std::string& file, const ProgressCallback& progress);
// measured-h100/*.json: train.json and train_compiled.json (training steps), infer.json and decode_graph.json
// (prefill and decode steps).
CaseResults validate_measured_training_steps(const std::string& text, const std::string& file);
CaseResults validate_measured_inference_steps(const std::string& text, const std::string& file);

}  // namespace stargate
