#!/usr/bin/python3
"""Golden values for the layer tests (Tests/Train/Modules), computed by PyTorch (Debian's python3-torch 1.13).

Run from the repository root with Debian's interpreter:  /usr/bin/python3 Tests/Golden/make_golden_modules.py
Writes Tests/Golden/modules_*.json with tiny shapes. Every tensor is stored flat (row-major) next to its shape.
The C# tests load the same inputs and weights and compare the harness's outputs against these numbers; they are
never produced by the code under test. RMSNorm has no module in torch 1.13, so its golden is the closed form
y = x / sqrt(mean(x^2 over the normalized dims) + eps) * weight (the definition of torch.nn.RMSNorm in
PyTorch >= 2.4), evaluated here in float64 and rounded to float32.
"""
import json
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent


def t(x):
    """A tensor as {"shape": [...], "data": [...]} (float32 values printed exactly)."""
    x = x.detach()
    if x.dtype == torch.int64:
        return {"shape": list(x.shape), "data": x.reshape(-1).tolist()}
    return {"shape": list(x.shape), "data": x.to(torch.float32).reshape(-1).tolist()}


def conv2d():
    torch.manual_seed(101)
    cases = []
    specs = [
        # name, in, out, kernel, stride, padding, dilation, groups, bias, input H, W
        ("k3_s1_p1", 2, 3, (3, 3), (1, 1), (1, 1), (1, 1), 1, True, 5, 5),
        ("k3_s2_p0_nobias", 2, 2, (3, 3), (2, 2), (0, 0), (1, 1), 1, False, 6, 5),
        ("k2x3_s2x1_p1x0_d1", 3, 2, (2, 3), (2, 1), (1, 0), (1, 1), 1, True, 5, 6),
        ("k3_s1_p2_d2", 2, 2, (3, 3), (1, 1), (2, 2), (2, 2), 1, True, 5, 5),
        ("groups2_k3_s2_p1", 4, 6, (3, 3), (2, 2), (1, 1), (1, 1), 2, True, 5, 5),
        ("depthwise_k3_s1_p1", 3, 3, (3, 3), (1, 1), (1, 1), (1, 1), 3, True, 4, 4),
    ]
    for name, cin, cout, k, s, p, d, g, bias, h, w in specs:
        conv = torch.nn.Conv2d(cin, cout, k, stride=s, padding=p, dilation=d, groups=g, bias=bias)
        x = torch.randn(2, cin, h, w)
        y = conv(x)
        case = {
            "name": name, "in": cin, "out": cout, "kernel": list(k), "stride": list(s), "padding": list(p),
            "dilation": list(d), "groups": g, "x": t(x), "weight": t(conv.weight), "y": t(y),
        }
        if bias:
            case["bias"] = t(conv.bias)
        cases.append(case)
    return {"cases": cases}


def batchnorm2d():
    torch.manual_seed(202)
    bn = torch.nn.BatchNorm2d(3, eps=1e-5, momentum=0.1)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([0.5, 1.5, -1.0]))
        bn.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
    weight, bias = bn.weight.detach().clone(), bn.bias.detach().clone()
    x1 = torch.randn(2, 3, 2, 3) * 2 + 1
    x2 = torch.randn(2, 3, 2, 3) * 0.5 - 1
    x3 = torch.randn(1, 3, 2, 3)
    bn.train()
    y1 = bn(x1)
    y2 = bn(x2)
    bn.eval()
    y3 = bn(x3)
    return {
        "eps": 1e-5, "momentum": 0.1, "weight": t(weight), "bias": t(bias),
        "x1": t(x1), "x2": t(x2), "x3": t(x3), "y1_train": t(y1), "y2_train": t(y2), "y3_eval": t(y3),
        "running_mean": t(bn.running_mean), "running_var": t(bn.running_var),
        "num_batches_tracked": int(bn.num_batches_tracked.item()),
    }


def layernorm():
    torch.manual_seed(303)
    cases = []
    for name, shape, normalized, affine in [("last_dim", (2, 3, 4), [4], True),
                                            ("last_two_dims", (2, 3, 4), [3, 4], True),
                                            ("no_affine", (3, 5), [5], False)]:
        ln = torch.nn.LayerNorm(normalized, eps=1e-5, elementwise_affine=affine)
        if affine:
            with torch.no_grad():
                ln.weight.copy_(torch.randn(normalized))
                ln.bias.copy_(torch.randn(normalized))
        x = torch.randn(*shape) * 3 + 0.5
        case = {"name": name, "normalized_shape": normalized, "eps": 1e-5, "x": t(x), "y": t(ln(x))}
        if affine:
            case["weight"] = t(ln.weight)
            case["bias"] = t(ln.bias)
        cases.append(case)
    return {"cases": cases}


def groupnorm():
    torch.manual_seed(404)
    cases = []
    for name, groups, channels, affine in [("g3_c6", 3, 6, True), ("g1_c4", 1, 4, True),
                                           ("g4_c4_no_affine", 4, 4, False)]:
        gn = torch.nn.GroupNorm(groups, channels, eps=1e-5, affine=affine)
        if affine:
            with torch.no_grad():
                gn.weight.copy_(torch.randn(channels))
                gn.bias.copy_(torch.randn(channels))
        x = torch.randn(2, channels, 2, 3) * 2 - 0.5
        case = {"name": name, "groups": groups, "channels": channels, "eps": 1e-5, "x": t(x), "y": t(gn(x))}
        if affine:
            case["weight"] = t(gn.weight)
            case["bias"] = t(gn.bias)
        cases.append(case)
    return {"cases": cases}


def rmsnorm():
    """Closed form (torch >= 2.4 nn.RMSNorm), evaluated in float64."""
    torch.manual_seed(505)
    cases = []
    for name, shape, normalized, eps in [("last_dim", (2, 3, 4), [4], 1e-6),
                                         ("last_two_dims", (2, 3, 4), [3, 4], 1e-5),
                                         ("default_eps_small_values", (3, 5), [5], None)]:
        x = torch.randn(*shape) * 2 + 0.3
        if name.startswith("default_eps"):
            x = x * 1e-3  # small enough that eps matters visibly in float32
        weight = torch.randn(normalized)
        # torch.nn.RMSNorm's eps=None means torch.finfo(x.dtype).eps (x is float32).
        e = torch.finfo(torch.float32).eps if eps is None else eps
        dims = tuple(range(x.dim() - len(normalized), x.dim()))
        xd = x.double()
        y = xd / torch.sqrt(xd.pow(2).mean(dim=dims, keepdim=True) + e) * weight.double()
        cases.append({"name": name, "normalized_shape": normalized, "eps": eps, "x": t(x), "weight": t(weight),
                      "y": t(y.float())})
    return {"cases": cases}


def pooling():
    torch.manual_seed(606)
    x = torch.randn(2, 2, 5, 5)
    cases = []
    for kind, k, s, p in [("max", 2, 2, 0), ("max", 3, 2, 1), ("max", 3, 1, 0),
                          ("avg", 2, 2, 0), ("avg", 3, 2, 1), ("avg", 3, 1, 0)]:
        f = F.max_pool2d if kind == "max" else F.avg_pool2d  # avg: count_include_pad=True (PyTorch's default)
        cases.append({"kind": kind, "kernel": k, "stride": s, "padding": p, "y": t(f(x, k, s, p))})
    return {"x": t(x), "cases": cases, "global_avg": t(F.adaptive_avg_pool2d(x, 1))}


def main():
    for name, make in [("conv2d", conv2d), ("batchnorm2d", batchnorm2d), ("layernorm", layernorm),
                       ("groupnorm", groupnorm), ("rmsnorm", rmsnorm), ("pooling", pooling)]:
        path = OUT / f"modules_{name}.json"
        path.write_text(json.dumps(make()) + "\n")
        print("wrote", path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
