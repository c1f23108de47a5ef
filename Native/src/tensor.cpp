// Tensor creation, data in and out, shape queries and views.
#include "torch_common.h"

#include <cstring>

using hn::get;

extern "C" {

hn_tensor* hn_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype,
                               int32_t device_type, int32_t device_index) {
  return hn::guard_tensor([&]() {
    // Host data for an accelerator is staged in pinned (page-locked) memory and copied without blocking the host;
    // libtorch's caching host allocator keeps the staging block alive until the copy has completed.
    const bool accelerator = device_type != HN_CPU;
    auto host = at::empty(hn::dims(shape, ndim), hn::options(dtype, HN_CPU, -1).pinned_memory(accelerator));
    if (host.numel() > 0) {
      if (data == nullptr) throw std::invalid_argument("null data pointer");
      std::memcpy(host.data_ptr(), data, host.numel() * host.element_size());
    }
    if (!accelerator) return host;
    return host.to(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)),
                   /*non_blocking=*/true);
  });
}

hn_tensor* hn_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t device_type,
                          int32_t device_index) {
  return hn::guard_tensor(
      [&]() { return at::full(hn::dims(shape, ndim), value, hn::options(dtype, device_type, device_index)); });
}

hn_tensor* hn_tensor_random(const int64_t* shape, int32_t ndim, int32_t kind, int32_t dtype, int32_t device_type,
                            int32_t device_index) {
  return hn::guard_tensor([&]() {
    auto opts = hn::options(dtype, device_type, device_index);
    switch (kind) {
      case 0: return at::rand(hn::dims(shape, ndim), opts);
      case 1: return at::randn(hn::dims(shape, ndim), opts);
      default: throw std::invalid_argument("unknown random kind " + std::to_string(kind));
    }
  });
}

hn_tensor* hn_tensor_arange(int64_t end, int32_t dtype, int32_t device_type, int32_t device_index) {
  return hn::guard_tensor([&]() { return at::arange(end, hn::options(dtype, device_type, device_index)); });
}

hn_tensor* hn_tensor_randperm(int64_t n, int32_t device_type, int32_t device_index) {
  return hn::guard_tensor([&]() { return at::randperm(n, hn::options(HN_INT64, device_type, device_index)); });
}

int32_t hn_tensor_copy_to(hn_tensor* t, void* dst, int64_t numel, int32_t dtype) {
  return hn::guard_status([&]() {
    auto& v = get(t);
    if (v.numel() != numel) {
      throw std::invalid_argument("copy_to: tensor has " + std::to_string(v.numel()) + " elements, buffer has " +
                                  std::to_string(numel));
    }
    auto cpu = v.detach().to(at::kCPU, static_cast<at::ScalarType>(dtype)).contiguous();
    if (numel > 0) std::memcpy(dst, cpu.data_ptr(), numel * cpu.element_size());
  });
}

int32_t hn_tensor_copy_from(hn_tensor* t, const void* src, int64_t numel, int32_t dtype) {
  return hn::guard_status([&]() {
    auto& v = get(t);
    if (v.numel() != numel) {
      throw std::invalid_argument("copy_from: tensor has " + std::to_string(v.numel()) +
                                  " elements, buffer has " + std::to_string(numel));
    }
    if (v.scalar_type() != static_cast<at::ScalarType>(dtype)) {
      throw std::invalid_argument("copy_from: dtype mismatch");
    }
    auto host = at::from_blob(const_cast<void*>(src), v.sizes(), v.options().device(at::kCPU));
    at::NoGradGuard no_grad;
    v.copy_(host);
  });
}

int32_t hn_tensor_ndim(hn_tensor* t) {
  return hn::guard<int32_t>(-1, [&]() { return static_cast<int32_t>(get(t).dim()); });
}

int32_t hn_tensor_shape(hn_tensor* t, int64_t* out, int32_t capacity) {
  return hn::guard<int32_t>(-1, [&]() {
    auto sizes = get(t).sizes();
    if (static_cast<int32_t>(sizes.size()) > capacity) throw std::invalid_argument("shape buffer too small");
    for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
    return static_cast<int32_t>(sizes.size());
  });
}

int64_t hn_tensor_numel(hn_tensor* t) {
  return hn::guard<int64_t>(-1, [&]() { return get(t).numel(); });
}

int32_t hn_tensor_dtype(hn_tensor* t) {
  return hn::guard<int32_t>(-1, [&]() { return static_cast<int32_t>(get(t).scalar_type()); });
}

int32_t hn_tensor_device(hn_tensor* t, int32_t* device_type, int32_t* device_index) {
  return hn::guard_status([&]() {
    auto d = get(t).device();
    *device_type = static_cast<int32_t>(d.type());
    *device_index = d.has_index() ? d.index() : -1;
  });
}

int32_t hn_tensor_item(hn_tensor* t, double* out) {
  return hn::guard_status([&]() { *out = get(t).item<double>(); });
}

hn_tensor* hn_tensor_to(hn_tensor* t, int32_t dtype, int32_t device_type, int32_t device_index,
                        int32_t non_blocking) {
  return hn::guard_tensor([&]() {
    return get(t).to(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)),
                     static_cast<at::ScalarType>(dtype), non_blocking != 0);
  });
}

hn_tensor* hn_tensor_clone(hn_tensor* t) {
  return hn::guard_tensor([&]() { return get(t).clone(); });
}

hn_tensor* hn_tensor_detach(hn_tensor* t) {
  return hn::guard_tensor([&]() { return get(t).detach(); });
}

hn_tensor* hn_tensor_reshape(hn_tensor* t, const int64_t* shape, int32_t ndim) {
  return hn::guard_tensor([&]() { return get(t).reshape(hn::dims(shape, ndim)); });
}

hn_tensor* hn_tensor_transpose(hn_tensor* t, int64_t dim0, int64_t dim1) {
  return hn::guard_tensor([&]() { return get(t).transpose(dim0, dim1); });
}

hn_tensor* hn_tensor_index_select(hn_tensor* t, int64_t dim, hn_tensor* index) {
  return hn::guard_tensor([&]() { return get(t).index_select(dim, get(index, "index")); });
}

hn_tensor* hn_tensor_narrow(hn_tensor* t, int64_t dim, int64_t start, int64_t length) {
  return hn::guard_tensor([&]() { return get(t).narrow(dim, start, length); });
}

hn_tensor* hn_tensor_cat(hn_tensor** tensors, int32_t count, int64_t dim) {
  return hn::guard_tensor([&]() {
    std::vector<at::Tensor> parts;
    parts.reserve(count);
    for (int32_t i = 0; i < count; ++i) parts.push_back(get(tensors[i]));
    return at::cat(parts, dim);
  });
}
}
