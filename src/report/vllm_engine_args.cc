// vLLM engine arguments of an engine role (vllm_engine_args.h).
#include "vllm_engine_args.h"

#include <fmt/format.h>

namespace stargate::report_detail {
namespace {

EngineArg integer(std::string name, int value) {
  return {.kind = EngineArg::Kind::integer, .name = std::move(name), .value = std::to_string(value)};
}
EngineArg on_off(std::string name, bool on) {
  return {.kind = EngineArg::Kind::on_off, .name = std::move(name), .value = on ? "true" : "false"};
}
EngineArg text(std::string name, std::string value) {
  return {.kind = EngineArg::Kind::text, .name = std::move(name), .value = std::move(value)};
}

// vLLM's CUDA attention backends take these KV block sizes (--block-size choices).
bool vllm_block_size(int tokens) {
  return tokens == 8 || tokens == 16 || tokens == 32 || tokens == 64 || tokens == 128;
}

}  // namespace

std::vector<EngineArg> vllm_engine_args(const EngineRole& role) {
  std::vector<EngineArg> args = {integer("tensor-parallel-size", role.tp), integer("pipeline-parallel-size", role.pp)};
  if (role.ep > 1) args.push_back(on_off("enable-expert-parallel", true));
  args.push_back(integer("max-num-seqs", role.max_batch_sequences));
  args.push_back(integer("max-num-batched-tokens", role.max_batch_tokens));
  args.push_back(on_off("enable-chunked-prefill", role.chunked_prefill));
  args.push_back(text("kv-cache-dtype", role.kv_fp8 ? "fp8" : "auto"));
  if (role.weights_fp8) args.push_back(text("quantization", "fp8"));
  args.push_back({.kind = EngineArg::Kind::number, .name = "gpu-memory-utilization",
                  .value = plain_number(role.gpu_memory_fraction)});
  if (vllm_block_size(role.block_tokens)) args.push_back(integer("block-size", role.block_tokens));
  args.push_back(on_off("enable-prefix-caching", role.prefix_caching));
  return args;
}

std::vector<std::string> engine_arg_words(const std::vector<EngineArg>& args) {
  std::vector<std::string> words;
  for (const EngineArg& a : args) {
    if (a.kind == EngineArg::Kind::on_off) {
      words.push_back(fmt::format("--{}{}", a.value == "true" ? "" : "no-", a.name));
      continue;
    }
    words.push_back("--" + a.name);
    words.push_back(a.value);
  }
  return words;
}

}  // namespace stargate::report_detail
