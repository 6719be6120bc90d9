// Traffic patterns of NCCL's algorithms as flows, over the ranks grouped by scale-up domain.
#include "collective_flows.h"

#include <algorithm>
#include <numeric>

namespace stargate::net {
namespace {

using Domains = std::vector<std::vector<int>>;

// Ranks grouped by domain, domains in order of first appearance, ranks in job order within a domain.
Domains group_by_domain(const Topology& t, const std::vector<int>& gpus) {
  std::vector<int> order(gpus.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return t.domain_of(gpus[a]) < t.domain_of(gpus[b]); });
  Domains out;
  int last = -1;
  for (int i : order) {
    if (t.domain_of(gpus[i]) != last) out.emplace_back(), last = t.domain_of(gpus[i]);
    out.back().push_back(gpus[i]);
  }
  return out;
}

class Emitter {
 public:
  Emitter(const Topology& t, int owner, FlowSet& flows) : t_(t), owner_(owner), flows_(flows) {}

  // A point-to-point transfer; across domains it is split over the fabric planes.
  void send(int src, int dst, double bytes) {
    if (bytes <= 0 || src == dst) return;
    const int planes = t_.domain_of(src) == t_.domain_of(dst) ? 1 : t_.planes();
    for (int p = 0; p < planes; ++p) {
      t_.route(src, dst, p, flows_.path_links);
      flows_.add(owner_, src, dst, bytes / planes);
    }
  }
  // One-sided transfers into and out of the scale-up switch (NVLink SHARP) or the fabric (InfiniBand SHARP).
  void to_switch(int gpu, int link, double bytes) {
    flows_.path_links.push_back(link);
    flows_.add(owner_, gpu, -1, bytes);
  }
  void from_switch(int gpu, int link, double bytes) {
    flows_.path_links.push_back(link);
    flows_.add(owner_, -1, gpu, bytes);
  }
  const Topology& topology() const { return t_; }

 private:
  const Topology& t_;
  int owner_;
  FlowSet& flows_;
};

// Rail-aligned rings: channel c leaves domain k from its c-th rank for the c-th rank of domain k+1; inside the
// domain each rank forwards to the next. `per_rank` bytes leave every rank in all.
void ring(Emitter& e, const Domains& domains, double per_rank) {
  const int d = static_cast<int>(domains.size());
  if (d == 1) {
    const auto& r = domains[0];
    for (size_t i = 0; i < r.size(); ++i) e.send(r[i], r[(i + 1) % r.size()], per_rank);
    return;
  }
  for (int k = 0; k < d; ++k) {
    const auto& here = domains[k];
    const auto& next = domains[(k + 1) % d];
    const double g = static_cast<double>(here.size());
    for (size_t c = 0; c < here.size(); ++c) {
      e.send(here[c], next[c % next.size()], per_rank / g);
      if (here.size() > 1) e.send(here[c], here[(c + 1) % here.size()], per_rank * (g - 1) / g);
    }
  }
}

// Double binary tree across domains: tree A is a binary heap over domain order, tree B the heap over the reversed
// order (inner nodes of one are mostly leaves of the other). Each tree carries half of `bytes` up and down, spread
// over the domain's ranks (channels).
void double_tree(Emitter& e, const Domains& domains, double bytes) {
  const int d = static_cast<int>(domains.size());
  auto edge = [&](int child, int parent) {
    const auto& a = domains[child];
    const auto& b = domains[parent];
    const double per_channel = bytes / 2 / a.size();
    for (size_t c = 0; c < a.size(); ++c) {
      e.send(a[c], b[c % b.size()], per_channel);
      e.send(b[c % b.size()], a[c], per_channel);
    }
  };
  for (int k = 1; k < d; ++k) {
    edge(k, (k - 1) / 2);
    edge(d - 1 - k, d - 1 - (k - 1) / 2);
  }
}

// Chain inside each domain: the whole buffer goes up (reduce) and comes back down (broadcast).
void chains(Emitter& e, const Domains& domains, double bytes) {
  for (const auto& r : domains) {
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      e.send(r[i], r[i + 1], bytes);
      e.send(r[i + 1], r[i], bytes);
    }
  }
}

void nvls(Emitter& e, const Domains& domains, double bytes) {
  for (const auto& r : domains) {
    const double g = static_cast<double>(r.size());
    for (int gpu : r) {
      e.to_switch(gpu, e.topology().scale_up_tx(gpu), bytes * (g + 1) / g);
      e.from_switch(gpu, e.topology().scale_up_rx(gpu), bytes * (g + 1) / g);
    }
  }
}

void all_to_all(Emitter& e, const Domains& domains, double bytes, double n) {
  for (const auto& here : domains) {
    for (size_t c = 0; c < here.size(); ++c) {
      for (const auto& there : domains) {
        if (&there == &here) {
          for (int dst : there) e.send(here[c], dst, bytes / n);
        } else {  // everything for that domain through the rail-matched rank (PXN)
          e.send(here[c], there[c % there.size()], bytes * there.size() / n);
        }
      }
    }
  }
}

}  // namespace

void add_collective_flows(const Topology& t, const CollectiveJob& job, Algorithm algorithm, double scale, int owner,
                          FlowSet& flows) {
  const double n = static_cast<double>(job.gpus.size());
  if (n <= 1 || job.bytes <= 0) return;
  const double bytes = job.bytes * scale;
  Emitter e(t, owner, flows);
  if (job.op == Collective::send_recv) {
    for (size_t i = 0; i + 1 < job.gpus.size(); i += 2) e.send(job.gpus[i], job.gpus[i + 1], bytes);
    return;
  }
  const Domains domains = group_by_domain(t, job.gpus);
  const double g = static_cast<double>(domains[0].size());
  switch (algorithm) {
    case Algorithm::tree:
      chains(e, domains, bytes);
      double_tree(e, domains, bytes);
      return;
    case Algorithm::nvls:
      nvls(e, domains, bytes);
      double_tree(e, domains, bytes / g);
      return;
    case Algorithm::collnet:
      if (t.options().scale_up_reduction && g > 1) {
        nvls(e, domains, bytes);
      } else {  // reduce-scatter and all-gather rings inside each domain
        for (const auto& r : domains) ring(e, Domains{r}, 2 * bytes * (r.size() - 1) / r.size());
      }
      for (const auto& r : domains) {
        for (int gpu : r) {
          for (int p = 0; p < t.planes(); ++p) {
            e.to_switch(gpu, t.nic_tx(gpu, p), bytes / r.size() / t.planes());
            e.from_switch(gpu, t.nic_rx(gpu, p), bytes / r.size() / t.planes());
          }
        }
      }
      return;
    case Algorithm::direct:
      all_to_all(e, domains, bytes, n);
      return;
    default: {
      const double laps = job.op == Collective::all_reduce ? 2 : 1;
      ring(e, domains, bytes * laps * (n - 1) / n);
    }
  }
}

}  // namespace stargate::net
