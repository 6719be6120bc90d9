#pragma once
// Numeric formats a tensor core can run at, and their sizes.
#include <optional>
#include <string_view>

namespace stargate {

enum class Dtype { fp64, fp32, tf32, bf16, fp16, fp8, fp4 };

inline constexpr Dtype kAllDtypes[] = {Dtype::fp64, Dtype::fp32, Dtype::tf32, Dtype::bf16,
                                       Dtype::fp16, Dtype::fp8,  Dtype::fp4};
// Number of Dtype values: the size of every per-dtype table.
inline constexpr int kDtypeCount = static_cast<int>(sizeof(kAllDtypes) / sizeof(kAllDtypes[0]));
static_assert(static_cast<int>(Dtype::fp4) + 1 == kDtypeCount, "kAllDtypes lists every Dtype in order");

std::string_view dtype_name(Dtype dtype);
std::optional<Dtype> dtype_from_name(std::string_view name);
// Storage size of one element, in bytes (fp4 = 0.5).
double dtype_bytes(Dtype dtype);

}  // namespace stargate
