// Process-wide runtime settings: seeds, threads, devices, version.
#include "torch_common.h"

extern "C" {

int32_t hn_manual_seed(uint64_t seed) {
  return hn::guard_status([&]() { torch::manual_seed(seed); });
}

int32_t hn_set_num_threads(int32_t n) {
  return hn::guard_status([&]() {
    if (n < 1) throw std::invalid_argument("thread count must be >= 1, got " + std::to_string(n));
    at::set_num_threads(n);
  });
}

int32_t hn_get_num_threads(void) {
  return hn::guard<int32_t>(-1, [&]() { return static_cast<int32_t>(at::get_num_threads()); });
}

int32_t hn_cuda_device_count(void) {
  return hn::guard<int32_t>(-1, [&]() { return torch::cuda::is_available() ? static_cast<int32_t>(torch::cuda::device_count()) : 0; });
}

const char* hn_torch_version(void) {
#ifdef TORCH_VERSION
  return TORCH_VERSION;
#else
  return "unknown";
#endif
}

int32_t hn_cuda_synchronize(int32_t device_index) {
  return hn::guard_status([&]() {
    if (torch::cuda::is_available()) torch::cuda::synchronize(device_index);
  });
}
}
