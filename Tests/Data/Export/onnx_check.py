#!/usr/bin/env python3
"""Checks ONNX files with ONNX's own tools (development aid for the tests in Tests/Export).

usage: onnx_check.py MODEL.onnx [MODEL.onnx ...]

For each file: onnx.checker.check_model(path, full_check=True) on the file as written (full_check includes
strict shape inference, so declared shapes that contradict ONNX's fail here); then
onnx.shape_inference.infer_shapes on a copy whose graph outputs have their declared shapes removed, so every
reported shape is ONNX's own inference, not an echo of the writer's declaration.
Prints one JSON object to stdout: {path: {value name: shape}} for graph inputs, intermediate values and
outputs; a dimension is an int, a symbolic name (ONNX names unknown ones "unk__N"), or null.
Exits non-zero (with ONNX's message on stderr) when a check fails.
"""
import json
import sys

import onnx


def dims(value_info):
    tensor_type = value_info.type.tensor_type
    if not tensor_type.HasField("shape"):
        return None
    result = []
    for dim in tensor_type.shape.dim:
        kind = dim.WhichOneof("value")
        result.append(dim.dim_value if kind == "dim_value" else dim.dim_param if kind == "dim_param" else None)
    return result


def check(path):
    onnx.checker.check_model(path, full_check=True)
    model = onnx.load(path)
    for output in model.graph.output:
        output.type.tensor_type.ClearField("shape")
    inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    graph = inferred.graph
    return {vi.name: dims(vi) for vi in list(graph.input) + list(graph.value_info) + list(graph.output)}


def main(paths):
    if not paths:
        sys.exit(__doc__)
    print(json.dumps({path: check(path) for path in paths}))


if __name__ == "__main__":
    main(sys.argv[1:])
