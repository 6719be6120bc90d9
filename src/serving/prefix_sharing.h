#pragma once
// Internal: a request's blocks in its replica's prefix cache (prefix_cache.h). A request's content is described by
// up to two keys, as a chain of block hashes would be:
//   level 0, `group_key`: its first group_tokens tokens are a shared prompt (a system prompt): full blocks
//     [0, group_tokens / block_tokens) are those of every request with the same key;
//   level 1, `session_key`: the rest of its sequence, prompt and output, continues a conversation: blocks from
//     group_tokens / block_tokens on are those of every turn of the same conversation.
// A request holds blocks [0, shared_blocks) through the cache (reference counted) and the rest privately.
#include <cstdint>
#include <vector>

#include "prefix_cache.h"
#include "replica.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

// Sets `r`'s content keys from the request's prefix identity (ServingRequest); keys are never 0 (0 = none).
void set_prefix_identity(Req& r, const ServingRequest& request);

// RouterPolicy::prefix_aware: among replicas [first, first + count), the one whose cache holds the longest prefix
// of `r`, skipping replicas more than kPrefixRouterLoadSlack outstanding requests above `least_loaded`; ties go to
// the less loaded, and `least_loaded` when no replica holds any of it.
int prefix_affine_replica(const std::vector<Replica>& replicas, const Req& r, int first, int count, int least_loaded,
                          int block_tokens);

// Blocks of `r`'s prompt found in `cache`: the longest cached full-block prefix, at most `cap` blocks (vLLM
// recomputes at least the prompt's last token: cap = (tokens to compute − 1) / block_tokens).
int32_t prefix_hit_blocks(const PrefixCache& cache, const Req& r, int block_tokens, int32_t cap);
// Of blocks [0, blocks) of `r`'s content, how many are cached but free (they stop being free when `r` holds them).
int64_t prefix_free_blocks(const PrefixCache& cache, const Req& r, int block_tokens, int32_t blocks);
// `r` holds blocks [0, to) through the cache (to is clamped to the blocks its keys cover). `allocated`: `r`
// computed them into private blocks, which are published (content not cached yet) or, where the cache already
// holds them, swapped for the cached copy and freed (SGLang's radix insert); otherwise they are a hit.
void share_prefix_blocks(Replica& rep, Req& r, int block_tokens, int32_t to, bool allocated);
// `r` drops what it holds through the cache (deepest blocks first: they are the first evicted).
void release_prefix_blocks(Replica& rep, Req& r, int block_tokens);

}  // namespace stargate::serving_detail
