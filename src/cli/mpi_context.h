#pragma once
// MPI for distributed searches: active only when the process was started by mpirun/srun (the launcher's
// environment variables are present) and the binary was built with MPI; otherwise a single rank of one.
#include <cstdint>
#include <vector>

namespace stargate::cli {

class MpiContext {
 public:
  MpiContext();  // MPI_Init when launched under MPI
  ~MpiContext();  // MPI_Finalize
  MpiContext(const MpiContext&) = delete;
  MpiContext& operator=(const MpiContext&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }

  // Every rank passes its doubles; rank 0 receives all of them concatenated in rank order (others: empty).
  std::vector<double> gather(const std::vector<double>& mine) const;
  // Every rank passes its bytes (under 2 GiB); rank 0 receives each rank's, in rank order (others: empty). Not
  // distributed: the one rank's own.
  std::vector<std::vector<uint8_t>> gather_bytes(const std::vector<uint8_t>& mine) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialized_ = false;
};

// True when this binary can run distributed (built with MPI).
bool mpi_available();

}  // namespace stargate::cli
