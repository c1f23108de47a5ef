// The one error path out of native code: a thread-local message slot, plus the live-handle counter.
#include "torch_common.h"

#include <atomic>

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
std::atomic<int64_t> live_tensors{0};
}  // namespace

namespace hn {
void set_error(const char* message) {
  last_error = message == nullptr ? "unknown error" : message;
  has_error = true;
}
void note_created() { live_tensors.fetch_add(1, std::memory_order_relaxed); }
void note_freed() { live_tensors.fetch_sub(1, std::memory_order_relaxed); }
}  // namespace hn

extern "C" {

const char* hn_last_error(void) { return has_error ? last_error.c_str() : nullptr; }

void hn_clear_error(void) {
  has_error = false;
  last_error.clear();
}

int64_t hn_tensor_live_count(void) { return live_tensors.load(std::memory_order_relaxed); }

void hn_tensor_free(hn_tensor* t) {
  if (t != nullptr) {
    delete t;
    hn::note_freed();
  }
}
}
