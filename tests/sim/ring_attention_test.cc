// Ring attention's exposed time, derived by hand: cp−1 transfers, each beside 1/cp of the rank's attention.
#include "stargate/sim/ring_attention.h"

#include <gtest/gtest.h>

namespace stargate {
namespace {

struct RingCase {
  double transfer_seconds;
  double attention_seconds;
  int cp;
  double exposed_seconds;
};

TEST(RingAttention, EachStepExposesOnlyTheTransferBeyondItsShareOfAttention) {
  const RingCase cases[] = {
      {.transfer_seconds = 3, .attention_seconds = 8, .cp = 4, .exposed_seconds = 3},  // 3 steps · (3 − 8/4)
      {.transfer_seconds = 1, .attention_seconds = 8, .cp = 4, .exposed_seconds = 0},  // hidden: 1 < 2
      {.transfer_seconds = 2, .attention_seconds = 8, .cp = 4, .exposed_seconds = 0},  // exactly hidden
      {.transfer_seconds = 5, .attention_seconds = 0, .cp = 2, .exposed_seconds = 5},  // nothing to hide behind
      {.transfer_seconds = 5, .attention_seconds = 1, .cp = 1, .exposed_seconds = 0},  // no context parallelism
  };
  for (const RingCase& c : cases) {
    EXPECT_DOUBLE_EQ(ring_exchange_exposed_seconds(c.transfer_seconds, c.attention_seconds, c.cp), c.exposed_seconds)
        << "transfer " << c.transfer_seconds << " attention " << c.attention_seconds << " cp " << c.cp;
  }
}

TEST(RingAttention, ForwardStepCarriesKeyAndValueOfTheRanksSequenceShare) {
  // 2 (K, V) · 1 sequence · 8192/4 tokens · 1024 wide · 2 bytes = 8 MiB.
  EXPECT_DOUBLE_EQ(ring_forward_step_bytes(1, 8192, 4, 1024, 2), 8.0 * 1024 * 1024);
}

}  // namespace
}  // namespace stargate
