#!/usr/bin/python3
"""Golden values for the Tests project, computed by PyTorch (Debian's python3-torch 1.13).

Run from the repository root with Debian's interpreter:  /usr/bin/python3 Tests/Golden/make_golden.py
Writes Tests/Golden/*.json. The C# tests compare the harness against these numbers; they are never produced
by the code under test.
"""
import json
import pathlib

import torch

OUT = pathlib.Path(__file__).resolve().parent


def tolist(t):
    return t.detach().reshape(-1).tolist()


def adamw_step():
    """A tiny linear classifier, cross-entropy loss, three torch.optim.AdamW steps."""
    torch.manual_seed(1234)
    w = torch.randn(3, 4, dtype=torch.float32, requires_grad=True)
    b = torch.randn(3, dtype=torch.float32, requires_grad=True)
    x = torch.randn(5, 4, dtype=torch.float32)
    y = torch.tensor([0, 2, 1, 2, 0], dtype=torch.int64)
    case = {
        "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1, "steps": 3,
        "w0": tolist(w), "b0": tolist(b), "x": tolist(x), "y": y.tolist(),
        "loss": [], "w": [], "b": [], "grad_w": [], "grad_b": [],
    }
    opt = torch.optim.AdamW([w, b], lr=case["lr"], betas=(case["beta1"], case["beta2"]), eps=case["eps"],
                            weight_decay=case["weight_decay"])
    for _ in range(case["steps"]):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x @ w.t() + b, y)
        loss.backward()
        case["loss"].append(loss.item())
        case["grad_w"].append(tolist(w.grad))
        case["grad_b"].append(tolist(b.grad))
        opt.step()
        case["w"].append(tolist(w))
        case["b"].append(tolist(b))
    return case


def main():
    (OUT / "adamw_step.json").write_text(json.dumps(adamw_step(), indent=1) + "\n")
    print("wrote", OUT / "adamw_step.json")


if __name__ == "__main__":
    main()
