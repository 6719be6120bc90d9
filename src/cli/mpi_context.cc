#include "mpi_context.h"

#include <cstdlib>

#ifdef STARGATE_WITH_MPI
#include <mpi.h>
#endif

namespace stargate::cli {
namespace {

bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"}) {
    if (std::getenv(var) != nullptr) return true;
  }
  return false;
}

}  // namespace

bool mpi_available() {
#ifdef STARGATE_WITH_MPI
  return true;
#else
  return false;
#endif
}

MpiContext::MpiContext() {
#ifdef STARGATE_WITH_MPI
  if (!launched_by_mpi()) return;
  MPI_Init(nullptr, nullptr);
  initialized_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#endif
}

MpiContext::~MpiContext() {
#ifdef STARGATE_WITH_MPI
  if (initialized_) MPI_Finalize();
#endif
}

std::vector<double> MpiContext::gather(const std::vector<double>& mine) const {
  if (!distributed()) return mine;
#ifdef STARGATE_WITH_MPI
  int count = static_cast<int>(mine.size());
  std::vector<int> counts(rank_ == 0 ? size_ : 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets;
  std::vector<double> all;
  if (rank_ == 0) {
    offsets.resize(size_);
    int total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[r] = total;
      total += counts[r];
    }
    all.resize(total);
  }
  MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return all;
#else
  return mine;
#endif
}

std::vector<std::vector<uint8_t>> MpiContext::gather_bytes(const std::vector<uint8_t>& mine) const {
  if (!distributed()) return {mine};
#ifdef STARGATE_WITH_MPI
  int count = static_cast<int>(mine.size());
  std::vector<int> counts(rank_ == 0 ? size_ : 0), offsets(rank_ == 0 ? size_ : 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<uint8_t> all;
  if (rank_ == 0) {
    size_t total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[r] = static_cast<int>(total);
      total += static_cast<size_t>(counts[r]);
    }
    all.resize(total);
  }
  MPI_Gatherv(mine.data(), count, MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE, 0, MPI_COMM_WORLD);
  std::vector<std::vector<uint8_t>> per_rank;
  for (int r = 0; r < static_cast<int>(counts.size()); ++r) {
    per_rank.emplace_back(all.begin() + offsets[r], all.begin() + offsets[r] + counts[r]);
  }
  return per_rank;
#else
  return {mine};
#endif
}

}  // namespace stargate::cli
