#!/usr/bin/env python3
"""Writes the report test fixtures (committed; run once by hand, not by the tests).

usage: make_fixtures.py RUN_FOLDER CHECK_JSON BDN_FULL_JSON

- run/uncertainty.json: RUN_FOLDER's uncertainty.json (a real `uncertainty` run) cut to its first two shifts and
  every other selective-accuracy point, paths made relative.
- run/check.json: a real `check MODEL --json` report, paths made relative.
- run/config.json: the recipe sections of RUN_FOLDER's config.json.
- run/summary.json, run/metrics.jsonl, run/ablation-small/ablation.json: small hand-written values in the shapes
  that `train` and `ablation` write (six epochs, three variants; one description holds & < > to test escaping).
- bench/ort-run-report-full.json: a real BenchmarkDotNet `--exporters json` file (OrtRunBenchmarks, --job short),
  keeping only the Workload/Result and Workload/Actual measurements.
- bench/game-loop.json: a synthetic game-loop result (seeded), in the shape GameLoopResults documents.
- bench/notes.json: JSON of neither shape (the report must list it as not recognized).
"""
import json, os, random, sys

run, check, bdn = sys.argv[1:4]
here = os.path.dirname(os.path.abspath(__file__))
out_run = os.path.join(here, "run")
out_bench = os.path.join(here, "bench")
os.makedirs(os.path.join(out_run, "ablation-small"), exist_ok=True)
os.makedirs(out_bench, exist_ok=True)

def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")

u = json.load(open(os.path.join(run, "uncertainty.json")))
u["model_path"], u["mc_model_path"] = "runs/fixture/model.onnx", "runs/fixture/model.mc.onnx"
u["shifts"] = u["shifts"][:2]
for part in [u["deterministic"], u["mc"]] + [s[k] for s in u["shifts"] for k in ("deterministic", "mc")]:
    part["selective_accuracy"] = part["selective_accuracy"][1::2]
dump(os.path.join(out_run, "uncertainty.json"), u)

c = json.load(open(check))
c["model"], c["mc_model"] = "runs/fixture/model.onnx", "runs/fixture/model.mc.onnx"
c["inputs"] = "16 probe samples from runs/fixture/probe.safetensors"
dump(os.path.join(out_run, "check.json"), c)

cfg = json.load(open(os.path.join(run, "config.json")))
dump(os.path.join(out_run, "config.json"), {k: cfg[k] for k in ("Model", "Optimizer", "Schedule", "Regularization", "Train") if k in cfg})

epochs = [
    (1, 1.92, 0.381, 2.00, 0.297, 1.88e-3, 2.24, 473.0),
    (2, 1.40, 0.618, 0.914, 0.714, 1.72e-3, 1.56, 487.1),
    (3, 0.98, 0.702, 0.801, 0.741, 1.31e-3, 1.21, 490.4),
    (4, 0.83, 0.748, 0.752, 0.760, 8.1e-4, 1.02, 488.9),
    (5, 0.74, 0.779, 0.760, 0.758, 3.6e-4, 0.94, 491.7),
    (6, 0.70, 0.791, 0.771, 0.755, 5.0e-5, 0.90, 489.3),
]
with open(os.path.join(out_run, "metrics.jsonl"), "w") as f:
    for e, tl, ta, vl, va, lr, g, sps in epochs:
        f.write(json.dumps({"epoch": e, "train_loss": tl, "train_accuracy": ta, "val_loss": vl, "val_accuracy": va, "lr": lr,
                            "grad_norm": g, "samples": 2000, "samples_per_second": sps, "seconds": 2000 / sps}, separators=(",", ":")) + "\n")
dump(os.path.join(out_run, "summary.json"), {
    "profile": "", "model": "cnn", "parameters": 288170, "device": "cpu", "torch_version": "1.13.0", "train_images": 2000,
    "epochs_used": 6, "stopped_early": False, "best_val_loss": 0.752, "test_accuracy": 0.7512, "test_nll": 0.7634,
    "test_ece": 0.0412, "train_accuracy": 0.8011, "gap": 0.0499, "training_seconds": 24.6, "samples_per_second": 488.2})
dump(os.path.join(out_run, "ablation-small", "ablation.json"), {"regime": "small", "rows": [
    {"variant": "none", "description": "no regularization", "train_accuracy": 0.962, "test_accuracy": 0.781, "gap": 0.181,
     "test_nll": 0.912, "test_ece": 0.121, "epochs_used": 40, "training_seconds": 171.2},
    {"variant": "dropout-wd", "description": "dropout p=0.2 & weight decay <0.05>", "train_accuracy": 0.884, "test_accuracy": 0.812,
     "gap": 0.072, "test_nll": 0.561, "test_ece": 0.034, "epochs_used": 40, "training_seconds": 175.9},
    {"variant": "all", "description": "every regularizer", "train_accuracy": 0.845, "test_accuracy": 0.826, "gap": 0.019,
     "test_nll": 0.498, "test_ece": 0.022, "epochs_used": 31, "training_seconds": 140.3},
]})

b = json.load(open(bdn))
for bench in b["Benchmarks"]:
    bench["Measurements"] = [m for m in bench.get("Measurements", []) if m["IterationMode"] == "Workload" and m["IterationStage"] in ("Result", "Actual")]
dump(os.path.join(out_bench, "ort-run-report-full.json"), b)

rng = random.Random(20240501)
ticks = [round(0.35 + rng.lognormvariate(-2.5, 0.45) + (1.2 if rng.random() < 0.01 else 0), 4) for _ in range(400)]
sweep = []
for agents in (1, 16, 64, 256, 1024):
    p50 = 0.02 + agents * 0.0016
    sweep.append({"agents": agents, "p50_ms": round(p50, 4), "p99_ms": round(p50 * 1.6 + 0.03, 4),
                  "decisions_per_second": round(agents / p50 * 1000)})
dump(os.path.join(out_bench, "game-loop.json"), {
    "kind": "game-loop", "title": "256 agents, MLP policy, CPU", "model": "runs/fixture/model.onnx", "agents": 256,
    "ticks": len(ticks), "budget_ms": 2.0, "tick_ms": ticks, "allocated_bytes_per_tick": 0, "sweep": sweep})
dump(os.path.join(out_bench, "notes.json"), {"note": "free-form notes, not a benchmark result", "owner": "nobody"})
