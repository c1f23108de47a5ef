#!/usr/bin/python3
"""Writes the tiny ONNX models that the ONNX Runtime binding tests use (Tests/Infer/).

Run from anywhere with Debian's python3-onnx (ONNX 1.12):

    /usr/bin/python3 Tests/Data/make_ort_test_models.py            # rewrites Tests/Data/*.onnx
    /usr/bin/python3 Tests/Data/make_ort_test_models.py --mlp PATH  # also writes a benchmark MLP to PATH

The generated files are committed; rerun only when a model here changes. Every weight of the test models is a
small multiple of 1/4 and every test input a multiple of 1/2, so each product and sum is exact in float32 and the
tests can compare ONNX Runtime's outputs with a closed-form computation for exact equality (GemmModel.cs in
Tests/Infer holds the same constants).

The benchmark MLP (784 -> 256 -> ReLU -> 10, random weights with a fixed seed, about 0.8 MB) is not a test file:
write it to an ignored folder such as runs/bench/ and point the benchmark at it (HARNESS_BENCH_MODEL).
"""

import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8
HERE = os.path.dirname(os.path.abspath(__file__))

# Gemm test constants: y = x . W^T + b with W: [3, 4], b: [3]. Keep in sync with Tests/Infer/GemmModel.cs.
GEMM_W = np.array(
    [[0.25, -0.5, 0.75, 1.0],
     [-1.0, 0.5, 0.25, -0.25],
     [1.5, 0.0, -0.75, 0.5]], dtype=np.float32)
GEMM_B = np.array([0.5, -1.0, 0.25], dtype=np.float32)
GEMM_METADATA = {"harness.test.kind": "gemm", "harness.test.note": "y = x W^T + b"}


def save(model, path):
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def make_model(graph, metadata=None):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="harness-tests")
    model.ir_version = IR_VERSION
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    return model


def gemm_graph(name, with_relu):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])
    w = numpy_helper.from_array(GEMM_W, "W")
    b = numpy_helper.from_array(GEMM_B, "b")
    gemm_out = "g" if with_relu else "y"
    nodes = [helper.make_node("Gemm", ["x", "W", "b"], [gemm_out], transB=1)]
    if with_relu:
        nodes.append(helper.make_node("Relu", ["g"], ["y"]))
    return helper.make_graph(nodes, name, [x], [y], initializer=[w, b])


def add_sub_graph():
    """Two inputs, two outputs: sum = a + b, diff = a - b, shapes [batch, 2]."""
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 2])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 2])
    s = helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 2])
    d = helper.make_tensor_value_info("diff", TensorProto.FLOAT, ["batch", 2])
    nodes = [helper.make_node("Add", ["a", "b"], ["sum"]), helper.make_node("Sub", ["a", "b"], ["diff"])]
    return helper.make_graph(nodes, "add_sub", [a, b], [s, d])


def relu_dynamic_graph():
    """A second symbolic dimension ("features") that only the caller can resolve."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "features"])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "features"])
    return helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "relu_dynamic", [x], [y])


def mlp_graph(seed):
    rng = np.random.default_rng(seed)
    w1 = (rng.standard_normal((256, 784)) * np.sqrt(2.0 / 784)).astype(np.float32)
    b1 = np.zeros(256, dtype=np.float32)
    w2 = (rng.standard_normal((10, 256)) * np.sqrt(1.0 / 256)).astype(np.float32)
    b2 = np.zeros(10, dtype=np.float32)
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 784])
    y = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])
    nodes = [
        helper.make_node("Gemm", ["x", "W1", "b1"], ["h"], transB=1),
        helper.make_node("Relu", ["h"], ["hr"]),
        helper.make_node("Gemm", ["hr", "W2", "b2"], ["logits"], transB=1),
    ]
    inits = [numpy_helper.from_array(a, n) for a, n in ((w1, "W1"), (b1, "b1"), (w2, "W2"), (b2, "b2"))]
    return helper.make_graph(nodes, "mlp_784_256_10", [x], [y], initializer=inits)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=HERE, help="folder for the test models (default: this script's folder)")
    parser.add_argument("--mlp", help="also write the benchmark MLP 784-256-10 to this path")
    parser.add_argument("--seed", type=int, default=1234, help="seed of the MLP weights")
    args = parser.parse_args()

    save(make_model(gemm_graph("gemm", with_relu=False), GEMM_METADATA), os.path.join(args.out, "gemm.onnx"))
    save(make_model(gemm_graph("gemm_relu", with_relu=True)), os.path.join(args.out, "gemm_relu.onnx"))
    save(make_model(add_sub_graph()), os.path.join(args.out, "add_sub.onnx"))
    save(make_model(relu_dynamic_graph()), os.path.join(args.out, "relu_dynamic.onnx"))
    if args.mlp:
        os.makedirs(os.path.dirname(os.path.abspath(args.mlp)), exist_ok=True)
        save(make_model(mlp_graph(args.seed), {"harness.bench.seed": str(args.seed)}), args.mlp)


if __name__ == "__main__":
    main()
