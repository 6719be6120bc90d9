// libFuzzer target over the validation readers: the first byte picks training cases (YAML), measured training
// steps (JSON) or measured inference steps (JSON); the rest is the file. Any input must give case results or an
// input Error, never a crash, hang, internal error or sanitizer report. Inference cases (YAML) are left out: each
// runs a full serving simulation, too slow for a fuzzer's per-input budget; the hostile corpus covers them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "stargate/validation/case_result.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  stargate::CaseResults r = [&] {
    switch (data[0] % 3) {
      case 0: return stargate::validate_training_cases(text, "fuzz.yaml");
      case 1: return stargate::validate_measured_training_steps(text, "train.json");
      default: return stargate::validate_measured_inference_steps(text, "infer.json");
    }
  }();
  if (!r.ok() && r.error().kind != stargate::ErrorKind::invalid_input) __builtin_trap();  // only input errors allowed
  return 0;
}
