// Autograd: requires-grad flags, backward, gradients, grad mode.
#include "torch_common.h"

using hn::get;

extern "C" {

int32_t hn_set_requires_grad(hn_tensor* t, int32_t requires_grad) {
  return hn::guard_status([&]() { get(t).requires_grad_(requires_grad != 0); });
}

int32_t hn_requires_grad(hn_tensor* t) {
  return hn::guard<int32_t>(-1, [&]() { return get(t).requires_grad() ? 1 : 0; });
}

int32_t hn_backward(hn_tensor* t) {
  return hn::guard_status([&]() { get(t).backward(); });
}

int32_t hn_grad(hn_tensor* t, hn_tensor** out) {
  return hn::guard_status([&]() {
    const auto& g = get(t).grad();
    *out = g.defined() ? hn::wrap(g) : nullptr;
  });
}

int32_t hn_clear_grad(hn_tensor* t) {
  return hn::guard_status([&]() { get(t).mutable_grad().reset(); });
}

int32_t hn_set_grad_enabled(int32_t enabled) {
  return hn::guard<int32_t>(-1, [&]() {
    const bool previous = c10::GradMode::is_enabled();
    c10::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
  });
}
}
