#pragma once
// Router groups (ServingDeployment::routers) simulated by several processes, the serving layer knowing nothing of
// how they talk (the command line implements this over MPI: `mpirun -n R stargate serve`). Process `rank` of
// `size` simulates the groups g with g % size == rank (each with oneTBB inside), sends their states to process 0,
// and process 0 merges every group in group order: the same result, bit for bit, as one process simulating all.
#include <cstdint>
#include <vector>

namespace stargate {

class RouterGroupExchange {
 public:
  virtual ~RouterGroupExchange() = default;
  virtual int rank() const = 0;  // 0 … size − 1
  virtual int size() const = 0;  // ≥ 1
  // Collective (every process calls it once per simulation): each passes its bytes; process 0 returns every
  // process's, in rank order, the others an empty list.
  virtual std::vector<std::vector<uint8_t>> gather(const std::vector<uint8_t>& mine) const = 0;
};

}  // namespace stargate
