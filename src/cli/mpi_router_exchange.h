#pragma once
// `mpirun -n R stargate serve`: the serving layer's router groups (RouterGroupExchange) split over the MPI ranks.
#include "mpi_context.h"
#include "stargate/serving/router_group_exchange.h"

namespace stargate::cli {

class MpiRouterExchange : public RouterGroupExchange {
 public:
  explicit MpiRouterExchange(const MpiContext& mpi) : mpi_(mpi) {}
  int rank() const override { return mpi_.rank(); }
  int size() const override { return mpi_.size(); }
  std::vector<std::vector<uint8_t>> gather(const std::vector<uint8_t>& mine) const override {
    return mpi_.gather_bytes(mine);
  }

 private:
  const MpiContext& mpi_;
};

}  // namespace stargate::cli
