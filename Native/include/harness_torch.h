/*
 * harness_torch: a flat C ABI over libtorch for the C# harness.
 *
 * Conventions (every entry follows them):
 *  - Tensors cross the boundary as opaque handles (hn_tensor*). Every handle returned by an entry is new and
 *    owned by the caller, who releases it with hn_tensor_free. hn_tensor_live_count() counts live handles.
 *  - Only fixed-size integer types, float/double and pointers cross the boundary.
 *  - No C++ exception ever leaves an entry. On failure an entry returns NULL (handle results) or -1 (int32
 *    status results) and stores libtorch's message in a thread-local slot read by hn_last_error().
 *  - Enumerations (dtype, device type, op codes) are mirrored one-to-one on the C# side.
 */
#ifndef HARNESS_TORCH_H
#define HARNESS_TORCH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HN_API __attribute__((visibility("default")))

typedef struct hn_tensor hn_tensor;

/* Element types (values of c10::ScalarType). */
enum hn_dtype { HN_UINT8 = 0, HN_INT8 = 1, HN_INT32 = 3, HN_INT64 = 4, HN_FLOAT32 = 6, HN_FLOAT64 = 7, HN_BOOL = 11 };
/* Device types (values of c10::DeviceType). */
enum hn_device { HN_CPU = 0, HN_CUDA = 1 };

/* ---- error.cpp ---------------------------------------------------------------------------------------- */
/* The message of the last failed entry on this thread, or NULL. Valid until the next failing entry. */
HN_API const char* hn_last_error(void);
HN_API void hn_clear_error(void);

/* ---- tensor.cpp: creation, data in and out, lifetime, shape ------------------------------------------- */
HN_API hn_tensor* hn_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype,
                                      int32_t device_type, int32_t device_index);
HN_API hn_tensor* hn_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype,
                                 int32_t device_type, int32_t device_index);
/* kind: 0 = uniform [0, 1), 1 = standard normal. */
HN_API hn_tensor* hn_tensor_random(const int64_t* shape, int32_t ndim, int32_t kind, int32_t dtype,
                                   int32_t device_type, int32_t device_index);
HN_API hn_tensor* hn_tensor_arange(int64_t end, int32_t dtype, int32_t device_type, int32_t device_index);
/* Random permutation of 0..n-1 (int64) from libtorch's generator. */
HN_API hn_tensor* hn_tensor_randperm(int64_t n, int32_t device_type, int32_t device_index);
/* Copies numel elements of the tensor (any device, converted to dtype) into dst. */
HN_API int32_t hn_tensor_copy_to(hn_tensor* t, void* dst, int64_t numel, int32_t dtype);
/* Overwrites the tensor's elements from host memory (same dtype, numel must match). */
HN_API int32_t hn_tensor_copy_from(hn_tensor* t, const void* src, int64_t numel, int32_t dtype);
HN_API void hn_tensor_free(hn_tensor* t);
HN_API int64_t hn_tensor_live_count(void);
HN_API int32_t hn_tensor_ndim(hn_tensor* t);
HN_API int32_t hn_tensor_shape(hn_tensor* t, int64_t* out, int32_t capacity);
HN_API int64_t hn_tensor_numel(hn_tensor* t);
HN_API int32_t hn_tensor_dtype(hn_tensor* t);
HN_API int32_t hn_tensor_device(hn_tensor* t, int32_t* device_type, int32_t* device_index);
HN_API int32_t hn_tensor_item(hn_tensor* t, double* out);
HN_API hn_tensor* hn_tensor_to(hn_tensor* t, int32_t dtype, int32_t device_type, int32_t device_index,
                               int32_t non_blocking);
HN_API hn_tensor* hn_tensor_clone(hn_tensor* t);
HN_API hn_tensor* hn_tensor_detach(hn_tensor* t);
HN_API hn_tensor* hn_tensor_reshape(hn_tensor* t, const int64_t* shape, int32_t ndim);
HN_API hn_tensor* hn_tensor_transpose(hn_tensor* t, int64_t dim0, int64_t dim1);
HN_API hn_tensor* hn_tensor_index_select(hn_tensor* t, int64_t dim, hn_tensor* index);
HN_API hn_tensor* hn_tensor_narrow(hn_tensor* t, int64_t dim, int64_t start, int64_t length);
HN_API hn_tensor* hn_tensor_cat(hn_tensor** tensors, int32_t count, int64_t dim);

/* ---- ops.cpp: elementwise, reductions, in-place updates ----------------------------------------------- */
enum hn_unary_op {
  HN_NEG = 0, HN_EXP = 1, HN_LOG = 2, HN_SQRT = 3, HN_ABS = 4, HN_SIGN = 5, HN_RELU = 6, HN_SIGMOID = 7,
  HN_TANH = 8, HN_SQUARE = 9, HN_RSQRT = 10, HN_GELU = 11, HN_SILU = 12
};
enum hn_binary_op {
  HN_ADD = 0, HN_SUB = 1, HN_MUL = 2, HN_DIV = 3, HN_POW = 4, HN_MAXIMUM = 5, HN_MINIMUM = 6, HN_EQ = 7,
  HN_LT = 8, HN_GT = 9, HN_MATMUL = 10
};
enum hn_reduce_op { HN_SUM = 0, HN_MEAN = 1, HN_MAX = 2, HN_MIN = 3, HN_ARGMAX = 4, HN_NORM2 = 5, HN_VAR = 6 };
HN_API hn_tensor* hn_unary(int32_t op, hn_tensor* a);
HN_API hn_tensor* hn_binary(int32_t op, hn_tensor* a, hn_tensor* b);
/* a <op> scalar. */
HN_API hn_tensor* hn_binary_scalar(int32_t op, hn_tensor* a, double scalar);
/* Reduce over dims (ndims == 0: all elements). HN_ARGMAX takes exactly one dim. HN_VAR is unbiased. */
HN_API hn_tensor* hn_reduce(int32_t op, hn_tensor* a, const int64_t* dims, int32_t ndims, int32_t keepdim);
HN_API hn_tensor* hn_clamp(hn_tensor* a, double min, double max);
HN_API hn_tensor* hn_where(hn_tensor* cond, hn_tensor* a, hn_tensor* b);
/* self <op>= other * alpha (HN_ADD, HN_SUB use alpha; HN_MUL, HN_DIV ignore it). */
HN_API int32_t hn_inplace_binary(int32_t op, hn_tensor* self, hn_tensor* other, double alpha);
/* self <op>= scalar (HN_ADD, HN_SUB, HN_MUL, HN_DIV, HN_POW). */
HN_API int32_t hn_inplace_scalar(int32_t op, hn_tensor* self, double scalar);
HN_API int32_t hn_inplace_addcmul(hn_tensor* self, hn_tensor* t1, hn_tensor* t2, double value);
HN_API int32_t hn_inplace_addcdiv(hn_tensor* self, hn_tensor* t1, hn_tensor* t2, double value);
HN_API int32_t hn_inplace_copy(hn_tensor* self, hn_tensor* src);
HN_API int32_t hn_inplace_fill(hn_tensor* self, double value);
HN_API int32_t hn_inplace_clamp(hn_tensor* self, double min, double max);

/* ---- nn.cpp: layers and losses ------------------------------------------------------------------------ */
HN_API hn_tensor* hn_linear(hn_tensor* x, hn_tensor* weight, hn_tensor* bias_or_null);
HN_API hn_tensor* hn_conv2d(hn_tensor* x, hn_tensor* weight, hn_tensor* bias_or_null, const int64_t* stride,
                            const int64_t* padding, const int64_t* dilation, int64_t groups);
/* Updates running_mean/running_var in place when training (PyTorch semantics: momentum weighs the new batch,
   running_var receives the unbiased batch variance). Either running buffer may be NULL (no tracking). */
HN_API hn_tensor* hn_batch_norm(hn_tensor* x, hn_tensor* weight, hn_tensor* bias, hn_tensor* running_mean,
                                hn_tensor* running_var, int32_t training, double momentum, double eps);
HN_API hn_tensor* hn_layer_norm(hn_tensor* x, const int64_t* normalized_shape, int32_t ndim, hn_tensor* weight,
                                hn_tensor* bias, double eps);
HN_API hn_tensor* hn_group_norm(hn_tensor* x, int64_t groups, hn_tensor* weight, hn_tensor* bias, double eps);
HN_API hn_tensor* hn_dropout(hn_tensor* x, double p, int32_t training);
/* Drops whole channels (dim 1) of an N,C,... tensor. */
HN_API hn_tensor* hn_feature_dropout(hn_tensor* x, double p, int32_t training);
/* kind: 0 = max, 1 = average. */
HN_API hn_tensor* hn_pool2d(int32_t kind, hn_tensor* x, const int64_t* kernel, const int64_t* stride,
                            const int64_t* padding);
HN_API hn_tensor* hn_adaptive_avg_pool2d(hn_tensor* x, int64_t out_h, int64_t out_w);
HN_API hn_tensor* hn_softmax(hn_tensor* x, int64_t dim);
HN_API hn_tensor* hn_log_softmax(hn_tensor* x, int64_t dim);
/* reduction: 0 = none, 1 = mean, 2 = sum. target: int64 class indices, or float class probabilities. */
HN_API hn_tensor* hn_cross_entropy(hn_tensor* logits, hn_tensor* target, int32_t reduction,
                                   double label_smoothing);

/* ---- autograd.cpp ------------------------------------------------------------------------------------- */
HN_API int32_t hn_set_requires_grad(hn_tensor* t, int32_t requires_grad);
HN_API int32_t hn_requires_grad(hn_tensor* t);
HN_API int32_t hn_backward(hn_tensor* t);
/* *out receives a new handle to t's gradient, or NULL when it has none. */
HN_API int32_t hn_grad(hn_tensor* t, hn_tensor** out);
/* Drops the gradient (like zero_grad(set_to_none=True)). */
HN_API int32_t hn_clear_grad(hn_tensor* t);
/* Sets grad mode for this thread; returns the previous mode. */
HN_API int32_t hn_set_grad_enabled(int32_t enabled);

/* ---- runtime.cpp -------------------------------------------------------------------------------------- */
HN_API int32_t hn_manual_seed(uint64_t seed);
HN_API int32_t hn_set_num_threads(int32_t n);
HN_API int32_t hn_get_num_threads(void);
HN_API int32_t hn_cuda_device_count(void);
/* libtorch's version string, e.g. "1.13.1". */
HN_API const char* hn_torch_version(void);
HN_API int32_t hn_cuda_synchronize(int32_t device_index);

#ifdef __cplusplus
}
#endif
#endif
