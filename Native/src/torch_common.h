// Internal helpers shared by the shim's sources: the tensor handle, the one error path, option builders.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "harness_torch.h"

// The opaque handle is a heap-allocated at::Tensor (a reference-counted pointer to the real tensor).
struct hn_tensor {
  at::Tensor value;
};

namespace hn {

void set_error(const char* message);
void note_created();
void note_freed();

// Wraps a tensor into a new handle owned by the caller.
inline hn_tensor* wrap(at::Tensor t) {
  auto* h = new hn_tensor{std::move(t)};
  note_created();
  return h;
}

// Reads a handle, refusing NULL with a clear message instead of crashing.
inline at::Tensor& get(hn_tensor* h, const char* what = "tensor") {
  if (h == nullptr) {
    throw std::invalid_argument(std::string("null handle passed for ") + what);
  }
  return h->value;
}

// An optional tensor argument: NULL means "absent".
inline at::Tensor opt(hn_tensor* h) { return h == nullptr ? at::Tensor() : h->value; }

inline std::vector<int64_t> dims(const int64_t* data, int32_t n) {
  if (n < 0 || (n > 0 && data == nullptr)) {
    throw std::invalid_argument("invalid shape array");
  }
  return std::vector<int64_t>(data, data + n);
}

inline at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

// Runs body and turns every C++ exception into the thread-local error; fallback is returned on failure.
template <typename R, typename F>
R guard(R fallback, F&& body) noexcept {
  try {
    return body();
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown C++ exception in harness_torch");
  }
  return fallback;
}

// Handle-returning entry: NULL on failure.
template <typename F>
hn_tensor* guard_tensor(F&& body) noexcept {
  return guard<hn_tensor*>(nullptr, [&]() { return wrap(body()); });
}

// Status-returning entry: 0 on success, -1 on failure.
template <typename F>
int32_t guard_status(F&& body) noexcept {
  return guard<int32_t>(-1, [&]() {
    body();
    return 0;
  });
}

}  // namespace hn
