#pragma once
// Internal to report/: one renderer per serving engine (engine_launch.h dispatches to them).
#include <vector>

#include "engine_launch_common.h"

namespace stargate::report_detail {

std::vector<EngineLaunchFile> render_vllm(const LaunchInputs& in);
std::vector<EngineLaunchFile> render_sglang(const LaunchInputs& in);
std::vector<EngineLaunchFile> render_trtllm(const LaunchInputs& in);
std::vector<EngineLaunchFile> render_dynamo(const LaunchInputs& in);

}  // namespace stargate::report_detail
