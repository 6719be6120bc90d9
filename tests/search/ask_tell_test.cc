// The generic ask/tell loop on a toy space: integers 0..9, objective (x − 6)², odd numbers rejected by name.
#include "stargate/search/ask_tell.h"

#include <gtest/gtest.h>

#include <optional>
#include <span>
#include <vector>

#include "stargate/search/plan_score.h"
#include "stargate/search/search_strategy.h"

namespace stargate {
namespace {

constexpr const char* kToyReasons[] = {"odd"};

CandidateScore score_toy(size_t x) {
  if (x % 2 == 1) return CandidateScore{.verdict = PlanVerdict::invalid, .reject_reason = 0};
  const double d = static_cast<double>(x) - 6;
  return CandidateScore{.verdict = PlanVerdict::scored, .objective = d * d};
}

// A strategy that proposes 0..n−1 in order and remembers what it was told.
class RecordingStrategy final : public SearchStrategy {
 public:
  explicit RecordingStrategy(size_t n) : inner_(n) {}
  bool ask(std::vector<size_t>& out, size_t max) override { return inner_.ask(out, max); }
  void tell(std::span<const size_t> indices, std::span<const CandidateScore> scores) override {
    batches.push_back(indices.size());
    told.insert(told.end(), scores.begin(), scores.end());
  }
  std::vector<size_t> batches;
  std::vector<CandidateScore> told;

 private:
  ExhaustiveStrategy inner_;
};

TEST(AskTell, DrivesAToySpaceToItsBestCandidateAndNamesRejections) {
  RecordingStrategy strategy(10);
  std::optional<size_t> best;
  double best_objective = 0;
  int rejected[1] = {};
  drive_search<CandidateScore>(
      strategy, 3,
      [](std::span<const size_t> indices, std::span<CandidateScore> scores) {
        for (size_t i = 0; i < indices.size(); ++i) scores[i] = score_toy(indices[i]);
      },
      [&](std::span<const size_t> indices, std::span<const CandidateScore> scores) {
        for (size_t i = 0; i < indices.size(); ++i) {
          if (scores[i].verdict != PlanVerdict::scored) {
            ++rejected[scores[i].reject_reason];
          } else if (!best || ranks_before(scores[i].objective, indices[i], best_objective, *best)) {
            best = indices[i];
            best_objective = scores[i].objective;
          }
        }
      });
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(*best, 6u);
  EXPECT_EQ(best_objective, 0.0);
  EXPECT_EQ(rejected[0], 5);
  EXPECT_STREQ(kToyReasons[0], "odd");
  EXPECT_EQ(strategy.batches, (std::vector<size_t>{3, 3, 3, 1}));
  ASSERT_EQ(strategy.told.size(), 10u);
  EXPECT_EQ(strategy.told[4].objective, 4.0);  // x = 4: (4 − 6)²
}

TEST(AskTell, TiesBreakTowardTheLowerIndex) {
  EXPECT_TRUE(ranks_before(1.0, 3, 1.0, 5));
  EXPECT_FALSE(ranks_before(1.0, 5, 1.0, 3));
  EXPECT_TRUE(ranks_before(0.5, 9, 1.0, 0));
}

TEST(AskTell, ARicherScoreReachesTheStrategyAsItsGenericPart) {
  RecordingStrategy strategy(2);
  std::vector<double> recorded_step_seconds;
  drive_search<PlanScore>(
      strategy, 8,
      [](std::span<const size_t> indices, std::span<PlanScore> scores) {
        for (size_t i = 0; i < indices.size(); ++i) {
          scores[i].verdict = PlanVerdict::scored;
          scores[i].objective = 10.0 + static_cast<double>(indices[i]);
          scores[i].step_seconds = 2.0 * static_cast<double>(indices[i]);
        }
      },
      [&](std::span<const size_t>, std::span<const PlanScore> scores) {
        for (const PlanScore& s : scores) recorded_step_seconds.push_back(s.step_seconds);
      });
  ASSERT_EQ(strategy.told.size(), 2u);
  EXPECT_EQ(strategy.told[1].verdict, PlanVerdict::scored);
  EXPECT_EQ(strategy.told[1].objective, 11.0);
  EXPECT_EQ(recorded_step_seconds, (std::vector<double>{0.0, 2.0}));
}

}  // namespace
}  // namespace stargate
