#!/usr/bin/env python3
"""Evaluates a small ONNX graph with PyTorch, independently of the C# code that wrote it.

usage: onnx_torch_eval.py MODEL.onnx < INPUTS.json

ONNX 1.12 has no reference evaluator (onnx.reference arrived in 1.13), so this script walks the graph itself:
initializers are read with onnx.numpy_helper, attributes from the nodes, and each node is computed with the
matching torch function in float32. Only the operators the tests need are known; any other is an error.
stdin: {input name: nested list}. stdout: {output name: nested list}.
"""
import json
import sys

import onnx
import torch
from onnx import helper, numpy_helper


def attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def gemm(inputs, attrs):
    a, b = inputs[0], inputs[1]
    if attrs.get("transA", 0):
        a = a.t()
    if attrs.get("transB", 0):
        b = b.t()
    y = attrs.get("alpha", 1.0) * (a @ b)
    if len(inputs) > 2 and inputs[2] is not None:
        y = y + attrs.get("beta", 1.0) * inputs[2]
    return y


def batch_norm(inputs, attrs):
    if attrs.get("training_mode", 0):
        raise ValueError("BatchNormalization with training_mode=1 is not an inference graph")
    x, scale, bias, mean, var = inputs
    return torch.nn.functional.batch_norm(
        x, mean, var, weight=scale, bias=bias, training=False, eps=attrs.get("epsilon", 1e-5))


OPS = {
    "Gemm": gemm,
    "BatchNormalization": batch_norm,
    "Relu": lambda inputs, attrs: torch.relu(inputs[0]),
}


def evaluate(model, feeds):
    values = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
    values.update({name: torch.tensor(data, dtype=torch.float32) for name, data in feeds.items()})
    for node in model.graph.node:
        if node.op_type not in OPS or node.domain not in ("", "ai.onnx"):
            raise ValueError(f"operator {node.domain}:{node.op_type} is not supported by this script")
        inputs = [values[name] if name else None for name in node.input]
        values[node.output[0]] = OPS[node.op_type](inputs, attributes(node))
    return {o.name: values[o.name].tolist() for o in model.graph.output}


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    model = onnx.load(argv[0])
    print(json.dumps(evaluate(model, json.load(sys.stdin))))


if __name__ == "__main__":
    main(sys.argv[1:])
