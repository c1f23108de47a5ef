// Layers and losses: the functional forms; module state (weights, running statistics) lives in C#.
#include "torch_common.h"

using hn::get;
using hn::opt;

extern "C" {

hn_tensor* hn_linear(hn_tensor* x, hn_tensor* weight, hn_tensor* bias_or_null) {
  return hn::guard_tensor([&]() { return at::linear(get(x, "input"), get(weight, "weight"), opt(bias_or_null)); });
}

hn_tensor* hn_conv2d(hn_tensor* x, hn_tensor* weight, hn_tensor* bias_or_null, const int64_t* stride,
                     const int64_t* padding, const int64_t* dilation, int64_t groups) {
  return hn::guard_tensor([&]() {
    return at::conv2d(get(x, "input"), get(weight, "weight"), opt(bias_or_null), hn::dims(stride, 2),
                      hn::dims(padding, 2), hn::dims(dilation, 2), groups);
  });
}

hn_tensor* hn_batch_norm(hn_tensor* x, hn_tensor* weight, hn_tensor* bias, hn_tensor* running_mean,
                         hn_tensor* running_var, int32_t training, double momentum, double eps) {
  return hn::guard_tensor([&]() {
    return at::batch_norm(get(x, "input"), opt(weight), opt(bias), opt(running_mean), opt(running_var),
                          training != 0, momentum, eps, /*cudnn_enabled=*/true);
  });
}

hn_tensor* hn_layer_norm(hn_tensor* x, const int64_t* normalized_shape, int32_t ndim, hn_tensor* weight,
                         hn_tensor* bias, double eps) {
  return hn::guard_tensor([&]() {
    return at::layer_norm(get(x, "input"), hn::dims(normalized_shape, ndim), opt(weight), opt(bias), eps);
  });
}

hn_tensor* hn_group_norm(hn_tensor* x, int64_t groups, hn_tensor* weight, hn_tensor* bias, double eps) {
  return hn::guard_tensor([&]() { return at::group_norm(get(x, "input"), groups, opt(weight), opt(bias), eps); });
}

hn_tensor* hn_dropout(hn_tensor* x, double p, int32_t training) {
  return hn::guard_tensor([&]() { return at::dropout(get(x, "input"), p, training != 0); });
}

hn_tensor* hn_feature_dropout(hn_tensor* x, double p, int32_t training) {
  return hn::guard_tensor([&]() { return at::feature_dropout(get(x, "input"), p, training != 0); });
}

hn_tensor* hn_pool2d(int32_t kind, hn_tensor* x, const int64_t* kernel, const int64_t* stride,
                     const int64_t* padding) {
  return hn::guard_tensor([&]() {
    switch (kind) {
      case 0: return at::max_pool2d(get(x, "input"), hn::dims(kernel, 2), hn::dims(stride, 2), hn::dims(padding, 2));
      case 1: return at::avg_pool2d(get(x, "input"), hn::dims(kernel, 2), hn::dims(stride, 2), hn::dims(padding, 2));
      default: throw std::invalid_argument("unknown pool kind " + std::to_string(kind));
    }
  });
}

hn_tensor* hn_adaptive_avg_pool2d(hn_tensor* x, int64_t out_h, int64_t out_w) {
  return hn::guard_tensor([&]() { return at::adaptive_avg_pool2d(get(x, "input"), {out_h, out_w}); });
}

hn_tensor* hn_softmax(hn_tensor* x, int64_t dim) {
  return hn::guard_tensor([&]() { return at::softmax(get(x, "input"), dim); });
}

hn_tensor* hn_log_softmax(hn_tensor* x, int64_t dim) {
  return hn::guard_tensor([&]() { return at::log_softmax(get(x, "input"), dim); });
}

hn_tensor* hn_cross_entropy(hn_tensor* logits, hn_tensor* target, int32_t reduction, double label_smoothing) {
  return hn::guard_tensor([&]() {
    if (reduction < 0 || reduction > 2) throw std::invalid_argument("unknown reduction " + std::to_string(reduction));
    return at::cross_entropy_loss(get(logits, "logits"), get(target, "target"), /*weight=*/{}, reduction,
                                  /*ignore_index=*/-100, label_smoothing);
  });
}
}
