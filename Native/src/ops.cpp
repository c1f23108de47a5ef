// Elementwise arithmetic, reductions and the in-place updates optimizers use.
#include "torch_common.h"

using hn::get;

namespace {

// A double argument as a scalar of the tensor's kind: integral tensors get an integral scalar when the value is
// whole, so that e.g. counting into an int64 buffer stays int64 (libtorch refuses float into long in place).
at::Scalar scalar_for(const at::Tensor& t, double value) {
  if (at::isIntegralType(t.scalar_type(), /*includeBool=*/false) && value == static_cast<double>(static_cast<int64_t>(value))) {
    return at::Scalar(static_cast<int64_t>(value));
  }
  return at::Scalar(value);
}

at::Tensor unary(int32_t op, const at::Tensor& a) {
  switch (op) {
    case HN_NEG: return a.neg();
    case HN_EXP: return a.exp();
    case HN_LOG: return a.log();
    case HN_SQRT: return a.sqrt();
    case HN_ABS: return a.abs();
    case HN_SIGN: return a.sign();
    case HN_RELU: return a.relu();
    case HN_SIGMOID: return a.sigmoid();
    case HN_TANH: return a.tanh();
    case HN_SQUARE: return a.square();
    case HN_RSQRT: return a.rsqrt();
    case HN_GELU: return at::gelu(a);
    case HN_SILU: return at::silu(a);
    default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
  }
}

at::Tensor binary(int32_t op, const at::Tensor& a, const at::Tensor& b) {
  switch (op) {
    case HN_ADD: return a.add(b);
    case HN_SUB: return a.sub(b);
    case HN_MUL: return a.mul(b);
    case HN_DIV: return a.div(b);
    case HN_POW: return a.pow(b);
    case HN_MAXIMUM: return at::maximum(a, b);
    case HN_MINIMUM: return at::minimum(a, b);
    case HN_EQ: return a.eq(b);
    case HN_LT: return a.lt(b);
    case HN_GT: return a.gt(b);
    case HN_MATMUL: return a.matmul(b);
    default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
  }
}

at::Tensor binary_scalar(int32_t op, const at::Tensor& a, double value) {
  const auto s = scalar_for(a, value);
  switch (op) {
    case HN_ADD: return a.add(s);
    case HN_SUB: return a.sub(s);
    case HN_MUL: return a.mul(s);
    case HN_DIV: return a.div(s);
    case HN_POW: return a.pow(s);
    case HN_MAXIMUM: return a.clamp_min(s);
    case HN_MINIMUM: return a.clamp_max(s);
    case HN_EQ: return a.eq(s);
    case HN_LT: return a.lt(s);
    case HN_GT: return a.gt(s);
    default: throw std::invalid_argument("unsupported scalar op " + std::to_string(op));
  }
}

at::Tensor reduce(int32_t op, const at::Tensor& a, const std::vector<int64_t>& dims, bool keepdim) {
  const bool all = dims.empty();
  switch (op) {
    case HN_SUM: return all ? a.sum() : a.sum(dims, keepdim);
    case HN_MEAN: return all ? a.mean() : a.mean(dims, keepdim);
    case HN_MAX:
      if (all) return a.max();
      if (dims.size() != 1) throw std::invalid_argument("max reduces over exactly one dim");
      return std::get<0>(a.max(dims[0], keepdim));
    case HN_MIN:
      if (all) return a.min();
      if (dims.size() != 1) throw std::invalid_argument("min reduces over exactly one dim");
      return std::get<0>(a.min(dims[0], keepdim));
    case HN_ARGMAX:
      if (dims.size() != 1) throw std::invalid_argument("argmax reduces over exactly one dim");
      return a.argmax(dims[0], keepdim);
    case HN_NORM2: return all ? a.norm() : at::norm(a, 2, dims, keepdim);
    case HN_VAR: return all ? a.var() : a.var(dims, /*unbiased=*/true, keepdim);
    default: throw std::invalid_argument("unknown reduce op " + std::to_string(op));
  }
}

}  // namespace

extern "C" {

hn_tensor* hn_unary(int32_t op, hn_tensor* a) {
  return hn::guard_tensor([&]() { return unary(op, get(a)); });
}

hn_tensor* hn_binary(int32_t op, hn_tensor* a, hn_tensor* b) {
  return hn::guard_tensor([&]() { return binary(op, get(a, "left operand"), get(b, "right operand")); });
}

hn_tensor* hn_binary_scalar(int32_t op, hn_tensor* a, double scalar) {
  return hn::guard_tensor([&]() { return binary_scalar(op, get(a), scalar); });
}

hn_tensor* hn_reduce(int32_t op, hn_tensor* a, const int64_t* dims, int32_t ndims, int32_t keepdim) {
  return hn::guard_tensor([&]() { return reduce(op, get(a), hn::dims(dims, ndims), keepdim != 0); });
}

hn_tensor* hn_clamp(hn_tensor* a, double min, double max) {
  return hn::guard_tensor([&]() { return get(a).clamp(min, max); });
}

hn_tensor* hn_where(hn_tensor* cond, hn_tensor* a, hn_tensor* b) {
  return hn::guard_tensor([&]() { return at::where(get(cond, "condition"), get(a), get(b)); });
}

int32_t hn_inplace_binary(int32_t op, hn_tensor* self, hn_tensor* other, double alpha) {
  return hn::guard_status([&]() {
    auto& s = get(self);
    auto& o = get(other, "other");
    switch (op) {
      case HN_ADD: s.add_(o, alpha); break;
      case HN_SUB: s.sub_(o, alpha); break;
      case HN_MUL: s.mul_(o); break;
      case HN_DIV: s.div_(o); break;
      default: throw std::invalid_argument("unsupported in-place op " + std::to_string(op));
    }
  });
}

int32_t hn_inplace_scalar(int32_t op, hn_tensor* self, double scalar) {
  return hn::guard_status([&]() {
    auto& s = get(self);
    const auto v = scalar_for(s, scalar);
    switch (op) {
      case HN_ADD: s.add_(v); break;
      case HN_SUB: s.sub_(v); break;
      case HN_MUL: s.mul_(v); break;
      case HN_DIV: s.div_(v); break;
      case HN_POW: s.pow_(v); break;
      default: throw std::invalid_argument("unsupported in-place scalar op " + std::to_string(op));
    }
  });
}

int32_t hn_inplace_addcmul(hn_tensor* self, hn_tensor* t1, hn_tensor* t2, double value) {
  return hn::guard_status([&]() { get(self).addcmul_(get(t1), get(t2), value); });
}

int32_t hn_inplace_addcdiv(hn_tensor* self, hn_tensor* t1, hn_tensor* t2, double value) {
  return hn::guard_status([&]() { get(self).addcdiv_(get(t1), get(t2), value); });
}

int32_t hn_inplace_copy(hn_tensor* self, hn_tensor* src) {
  return hn::guard_status([&]() { get(self).copy_(get(src, "source")); });
}

int32_t hn_inplace_fill(hn_tensor* self, double value) {
  return hn::guard_status([&]() { get(self).fill_(scalar_for(get(self), value)); });
}

int32_t hn_inplace_clamp(hn_tensor* self, double min, double max) {
  return hn::guard_status([&]() { get(self).clamp_(min, max); });
}
}
