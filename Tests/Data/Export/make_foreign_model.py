#!/usr/bin/env python3
"""Writes foreign_model.onnx next to this script: a model made by ONNX's own helpers, not by our writer.

It uses fields our schema models (value_info, a TENSOR attribute on a Constant node, a node doc string,
metadata) and fields it does not (a sparse initializer, a sequence-typed input), so the reader test can show
that both are read and written back unchanged. Run once with Debian's python3-onnx (1.12);
the output is committed.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

here = os.path.dirname(os.path.abspath(__file__))

constant = helper.make_node(
    "Constant", [], ["c"], name="const",
    value=numpy_helper.from_array(np.array([1.5, -2.0], dtype=np.float32), name="c_value"))
add = helper.make_node("Add", ["x", "c"], ["y"], name="add", doc_string="adds a constant")
sparse = helper.make_sparse_tensor(
    numpy_helper.from_array(np.array([3.0], dtype=np.float32), name="s"),
    numpy_helper.from_array(np.array([1], dtype=np.int64), name="s_indices"),
    [2])
graph = helper.make_graph(
    [constant, add], "foreign",
    inputs=[helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2]),
            helper.make_tensor_sequence_value_info("seq", TensorProto.FLOAT, None)],
    outputs=[helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])],
    value_info=[helper.make_tensor_value_info("c", TensorProto.FLOAT, [2])],
    sparse_initializer=[sparse])
model = helper.make_model(graph, producer_name="onnx.helper", opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
helper.set_model_props(model, {"origin": "make_foreign_model.py"})
onnx.save(model, os.path.join(here, "foreign_model.onnx"))
