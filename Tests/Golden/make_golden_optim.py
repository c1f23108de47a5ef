#!/usr/bin/python3
"""Golden values for the optimization and regularization tests, computed by PyTorch (Debian's python3-torch 1.13).

Run from the repository root with Debian's interpreter:  /usr/bin/python3 Tests/Golden/make_golden_optim.py
Writes Tests/Golden/optim_golden.json. The C# tests compare the harness against these numbers; they are never
produced by the code under test.
"""
import json
import math
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent


def tolist(t):
    return t.detach().reshape(-1).tolist()


def classifier_problem(seed):
    """A tiny linear classifier: weights [3, 4], bias [3], five samples."""
    torch.manual_seed(seed)
    w = torch.randn(3, 4, dtype=torch.float32, requires_grad=True)
    b = torch.randn(3, dtype=torch.float32, requires_grad=True)
    x = torch.randn(5, 4, dtype=torch.float32)
    y = torch.tensor([0, 2, 1, 2, 0], dtype=torch.int64)
    return w, b, x, y


def run_optimizer(make, steps, seed):
    w, b, x, y = classifier_problem(seed)
    case = {"w0": tolist(w), "b0": tolist(b), "x": tolist(x), "y": y.tolist(), "steps": steps, "w": [], "b": []}
    opt = make([w, b])
    for _ in range(steps):
        opt.zero_grad()
        F.cross_entropy(x @ w.t() + b, y).backward()
        opt.step()
        case["w"].append(tolist(w))
        case["b"].append(tolist(b))
    return case


def adam_l2():
    """torch.optim.Adam with weight_decay: L2 added to the gradient (grad += wd * theta)."""
    hp = {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1}
    case = run_optimizer(lambda ps: torch.optim.Adam(ps, lr=hp["lr"], betas=(hp["beta1"], hp["beta2"]), eps=hp["eps"],
                                                     weight_decay=hp["weight_decay"]), 4, 11)
    case.update(hp)
    return case


def sgd(momentum, nesterov, weight_decay, dampening=0.0):
    """torch.optim.SGD (momentum buffer starts as a copy of the first gradient)."""
    hp = {"lr": 0.1, "momentum": momentum, "nesterov": nesterov, "weight_decay": weight_decay, "dampening": dampening}
    case = run_optimizer(lambda ps: torch.optim.SGD(ps, lr=hp["lr"], momentum=momentum, nesterov=nesterov,
                                                    weight_decay=weight_decay, dampening=dampening), 4, 12)
    case.update(hp)
    return case


def clip_grad_norm():
    """torch.nn.utils.clip_grad_norm_ (norm 2) over two gradients, once above the limit and once below."""
    torch.manual_seed(13)
    g1 = torch.randn(3, 4)
    g2 = torch.randn(5)
    cases = []
    for max_norm in (1.0, 100.0):
        p1 = torch.zeros(3, 4, requires_grad=True)
        p2 = torch.zeros(5, requires_grad=True)
        p1.grad = g1.clone()
        p2.grad = g2.clone()
        total = torch.nn.utils.clip_grad_norm_([p1, p2], max_norm)
        cases.append({"max_norm": max_norm, "total_norm": total.item(), "g1": tolist(p1.grad), "g2": tolist(p2.grad)})
    return {"g1": tolist(g1), "g2": tolist(g2), "cases": cases}


def warmup_cosine():
    """Linear warmup (LinearLR) for W steps, then CosineAnnealingLR to eta_min, chained by SequentialLR."""
    hp = {"base_lr": 0.1, "warmup_start_lr": 0.01, "warmup_steps": 5, "total_steps": 25, "min_lr": 0.001}
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=hp["base_lr"])
    warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=hp["warmup_start_lr"] / hp["base_lr"], end_factor=1.0,
                                             total_iters=hp["warmup_steps"])
    cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=hp["total_steps"] - hp["warmup_steps"],
                                                     eta_min=hp["min_lr"])
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [warm, cos], milestones=[hp["warmup_steps"]])
    lrs = []
    for _ in range(hp["total_steps"] + 1):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    hp["lr"] = lrs
    return hp


def step_lr():
    hp = {"base_lr": 0.5, "step_size": 3, "gamma": 0.1, "steps": 12}
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=hp["base_lr"])
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=hp["step_size"], gamma=hp["gamma"])
    lrs = []
    for _ in range(hp["steps"]):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    hp["lr"] = lrs
    return hp


def losses():
    """Soft-target CE, label-smoothed CE and Hinton distillation, values and gradients w.r.t. the logits."""
    torch.manual_seed(14)
    n, k = 6, 5
    logits = torch.randn(n, k) * 2
    teacher = torch.randn(n, k) * 2
    y = torch.tensor([0, 4, 1, 3, 2, 4])
    q = torch.softmax(torch.randn(n, k), dim=1)
    case = {"n": n, "k": k, "logits": tolist(logits), "teacher": tolist(teacher), "y": y.tolist(), "q": tolist(q)}

    z = logits.clone().requires_grad_(True)
    soft = F.cross_entropy(z, q)  # probabilities as targets: -sum(q * log_softmax(z)) averaged over the batch
    soft.backward()
    case["soft_ce"] = soft.item()
    case["soft_ce_grad"] = tolist(z.grad)

    case["smoothing"] = 0.1
    z = logits.clone().requires_grad_(True)
    smooth = F.cross_entropy(z, y, label_smoothing=case["smoothing"])
    smooth.backward()
    case["smooth_ce"] = smooth.item()
    case["smooth_ce_grad"] = tolist(z.grad)

    t, alpha = 3.0, 0.7
    case["temperature"] = t
    case["alpha"] = alpha
    z = logits.clone().requires_grad_(True)
    kl = F.kl_div(F.log_softmax(z / t, dim=1), F.softmax(teacher / t, dim=1), reduction="batchmean")
    kd = alpha * t * t * kl + (1 - alpha) * F.cross_entropy(z, y)
    kd.backward()
    case["kd"] = kd.item()
    case["kd_grad"] = tolist(z.grad)
    return case


def main():
    golden = {
        "adam_l2": adam_l2(),
        "sgd_plain": sgd(0.0, False, 0.0),
        "sgd_momentum": sgd(0.9, False, 0.01),
        "sgd_dampened": sgd(0.9, False, 0.0, dampening=0.3),
        "sgd_nesterov": sgd(0.9, True, 0.01),
        "clip_grad_norm": clip_grad_norm(),
        "warmup_cosine": warmup_cosine(),
        "step_lr": step_lr(),
        "losses": losses(),
    }
    path = OUT / "optim_golden.json"
    path.write_text(json.dumps(golden, indent=1) + "\n")
    print("wrote", path, "torch", torch.__version__)


if __name__ == "__main__":
    main()
