#!/usr/bin/python3
"""Writes the PyTorch-exported models that the eval-mode gate tests use (Tests/Infer/Gate/).

Run from anywhere with Debian's python3-torch (1.13) and python3-onnx (1.12):

    /usr/bin/python3 Tests/Data/Gate/make_torch_models.py      # rewrites Tests/Data/Gate/*.onnx, *.safetensors

The generated files are committed; rerun only when a model here changes. Everything is seeded, and every model is
trained for a few steps on synthetic data so that its BatchNorm running statistics are far from 0 / 1 (a gate that
confused running and batch statistics, or a reset, must show).

Good models (exported in eval mode, dynamic batch axis), each with a probe of 16 samples:

    torch_mlp.onnx        10 -> Linear 32 -> BatchNorm1d -> ReLU -> Dropout(0.3) -> Linear 16 -> BatchNorm1d -> ReLU
                          -> Dropout(0.3) -> Linear 4                                                    (opset 13)
    torch_cnn.onnx        [1, 8, 8] -> Conv 4 -> BatchNorm2d -> ReLU -> MaxPool 2 -> Dropout2d(0.2) -> Conv 8
                          -> ReLU -> BatchNorm2d -> global average -> Flatten -> Linear 5                (opset 15)
                          (the exporter folds the first BatchNorm into its Conv; the second stays a
                          BatchNormalization node)
    torch_regressor.onnx  6 -> Linear 24 -> BatchNorm1d -> ReLU -> Dropout(0.2) -> Linear 3, targets of scale ~100
                          (large outputs: the gate's bounds must be relative where float32 error is) (opset 17)

Bad model:

    torch_mlp_train.onnx  the same MLP left in train mode and exported with TrainingMode.TRAINING: BatchNormalization
                          with training_mode=1 on batch statistics, Dropout with training_mode=true (opset 15)

Probe layout (Export/Probe/ModelProbe.cs, a safetensors file): 8-byte little-endian header length, JSON header
{"input": {"dtype": "F32", "shape": [...], "data_offsets": [b, e]}, "output": ..., "__metadata__": {...}}, then the
raw little-endian float32 bytes of input and output.
"""

import json
import os
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE_SAMPLES = 16
PROBE_TOLERANCE = "1e-4"


def train(model, make_batch, loss_fn, steps=40, lr=0.05):
    """A few SGD steps in train mode: moves the weights and the BatchNorm running statistics."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.train()
    for _ in range(steps):
        x, y = make_batch()
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()


def export(model, sample_shape, path, opset, training=torch.onnx.TrainingMode.EVAL):
    dummy = torch.zeros((2,) + tuple(sample_shape))
    torch.onnx.export(
        model, dummy, path, opset_version=opset, training=training,
        do_constant_folding=training == torch.onnx.TrainingMode.EVAL,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})


def save_probe(path, x, y, input_name="input", output_name="output"):
    x = np.ascontiguousarray(x, dtype="<f4")
    y = np.ascontiguousarray(y, dtype="<f4")
    header = {
        "input": {"dtype": "F32", "shape": list(x.shape), "data_offsets": [0, x.nbytes]},
        "output": {"dtype": "F32", "shape": list(y.shape), "data_offsets": [x.nbytes, x.nbytes + y.nbytes]},
        "__metadata__": {"format": "harness-probe/1", "input_name": input_name, "output_name": output_name,
                         "tolerance": PROBE_TOLERANCE},
    }
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # safetensors pads the header to 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(x.tobytes())
        f.write(y.tobytes())


def probe(model, x, path):
    model.eval()
    with torch.no_grad():
        y = model(x)
    save_probe(path, x.numpy(), y.numpy())


def mlp():
    return nn.Sequential(
        nn.Linear(10, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(32, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(16, 4))


def make_mlp():
    torch.manual_seed(1)
    model = mlp()
    w = torch.randn(10, 4)

    def batch():
        x = torch.randn(64, 10) * 2 + 1  # features off N(0, 1): running statistics move away from 0 / 1
        return x, (x @ w).argmax(dim=1)

    train(model, batch, nn.functional.cross_entropy)
    model.eval()
    export(model, [10], os.path.join(HERE, "torch_mlp.onnx"), opset=13)
    probe(model, torch.randn(PROBE_SAMPLES, 10) * 2 + 1, os.path.join(HERE, "torch_mlp.safetensors"))

    # The bug the gate exists for: the network left in train mode at export.
    model.train()
    export(model, [10], os.path.join(HERE, "torch_mlp_train.onnx"), opset=15,
           training=torch.onnx.TrainingMode.TRAINING)


def make_cnn():
    torch.manual_seed(2)
    model = nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout2d(0.2),
        nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(8),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 5))

    def batch():
        x = torch.rand(32, 1, 8, 8) * 3
        return x, (x[:, 0, :4].sum(dim=(1, 2)) * 5 / 48).long().clamp(0, 4)

    train(model, batch, nn.functional.cross_entropy, steps=30)
    model.eval()
    export(model, [1, 8, 8], os.path.join(HERE, "torch_cnn.onnx"), opset=15)
    probe(model, torch.rand(PROBE_SAMPLES, 1, 8, 8) * 3, os.path.join(HERE, "torch_cnn.safetensors"))


def make_regressor():
    torch.manual_seed(3)
    model = nn.Sequential(nn.Linear(6, 24), nn.BatchNorm1d(24), nn.ReLU(), nn.Dropout(0.2), nn.Linear(24, 3))
    w = torch.randn(6, 3) * 40

    def batch():
        x = torch.randn(64, 6)
        return x, x @ w + 100

    train(model, batch, nn.functional.mse_loss, steps=150, lr=0.002)
    model.eval()
    export(model, [6], os.path.join(HERE, "torch_regressor.onnx"), opset=17)
    probe(model, torch.randn(PROBE_SAMPLES, 6), os.path.join(HERE, "torch_regressor.safetensors"))


def main():
    torch.set_num_threads(1)
    make_mlp()
    make_cnn()
    make_regressor()
    for name in sorted(os.listdir(HERE)):
        if name.endswith((".onnx", ".safetensors")):
            print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")


if __name__ == "__main__":
    main()
