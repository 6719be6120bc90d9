#pragma once
// Internal to report/: the vLLM engine arguments of one engine role, shared by the vLLM launch files (as a
// `vllm serve --config` YAML) and the Dynamo graph (as `python3 -m dynamo.vllm` arguments).
#include <string>
#include <vector>

#include "engine_launch_common.h"

namespace stargate::report_detail {

// One engine argument by its long name without the leading dashes ("tensor-parallel-size").
struct EngineArg {
  enum class Kind { integer, number, text, on_off } kind = Kind::text;
  std::string name;
  std::string value;  // on_off: "true" or "false"
};

// vLLM's names (vllm serve --help): --tensor-parallel-size, --pipeline-parallel-size, --enable-expert-parallel,
// --max-num-seqs, --max-num-batched-tokens, --enable-chunked-prefill, --kv-cache-dtype, --quantization,
// --gpu-memory-utilization, --block-size, --enable-prefix-caching.
std::vector<EngineArg> vllm_engine_args(const EngineRole& role);

// As command-line words: "--name value", "--name" (on) or "--no-name" (off).
std::vector<std::string> engine_arg_words(const std::vector<EngineArg>& args);

}  // namespace stargate::report_detail
