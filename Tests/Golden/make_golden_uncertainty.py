#!/usr/bin/python3
"""Golden values for the uncertainty metrics (Infer/Uncertainty), computed independently with numpy.

Run from the repository root with Debian's interpreter:  /usr/bin/python3 Tests/Golden/make_golden_uncertainty.py
Writes Tests/Golden/uncertainty_golden.json. Every number is computed here by a direct, deliberately naive
formulation (explicit loops, pairwise comparisons, explicit oracle orderings) in float64, never by the C# code under
test. Inputs are float32 values (written exactly), so both sides start from identical numbers.

Definitions (the same ones the C# XML docs state):
  accuracy          mean of [argmax_k p_ik == y_i] (ties to the lowest class index)
  NLL               mean of -ln p_i,y
  Brier             mean over samples of sum_k (p_ik - [k == y_i])^2
  ECE (15 bins)     confidence c_i = max_k p_ik, bin b holds b/15 <= c < (b+1)/15 (the last bin also holds 1);
                    ECE = sum_b |B_b|/N * |acc(B_b) - conf(B_b)|
  adaptive ECE      samples sorted by (confidence, index) split into 15 bins like numpy.array_split (the first
                    N mod 15 bins one larger); same weighted sum
  AURC              samples sorted by (-confidence, index); risk_k = errors among the first k / k; AURC = mean_k risk_k
  E-AURC            AURC - AURC of the oracle ordering (every correct sample first)
  selective acc     accuracy of the first ceil(c*N - 1e-9) samples of that order, for coverages c
  AUROC             OOD = positive, larger score = more OOD: P(s_out > s_in) + 0.5 P(s_out == s_in), pairwise
  AUPR-Out / -In    average precision (sum over distinct thresholds, descending, of (R_n - R_{n-1}) * P_n), OOD
                    positive with score s / in-distribution positive with score -s
  FPR@95TPR         over distinct thresholds t descending, the first with TPR = P(s_out >= t) >= 0.95: P(s_in >= t)
  MC statistics     p_t = softmax(logits_t); mean p; H[mean p]; mean_t H[p_t]; MI = difference; per-class variance
                    (1/T); variation ratio 1 - (passes voting the modal class)/T; MC NLL = -ln(mean_t p_t(y))
"""
import json
import math
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent
BINS = 15
COVERAGES = [0.1, 0.25, 0.3, 0.5, 0.7, 0.9, 1.0]


def softmax_rows(logits):
    rows = []
    for row in logits:
        m = max(float(v) for v in row)
        e = [math.exp(float(v) - m) for v in row]
        s = sum(e)
        rows.append([v / s for v in e])
    return rows


def argmax(row):
    best = 0
    for k in range(1, len(row)):
        if row[k] > row[best]:
            best = k
    return best


def entropy(row):
    return -sum(float(p) * math.log(float(p)) for p in row if p > 0)


def classification(probs, labels):
    n = len(labels)
    conf = [float(max(r)) for r in probs]
    correct = [1.0 if argmax(r) == y else 0.0 for r, y in zip(probs, labels)]
    acc = sum(correct) / n
    nll = sum(-math.log(float(r[y])) for r, y in zip(probs, labels)) / n
    brier = sum(sum((float(p) - (1.0 if k == y else 0.0)) ** 2 for k, p in enumerate(r))
                for r, y in zip(probs, labels)) / n

    # Equal-width bins, by explicit edge comparisons.
    bins = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        members = [i for i in range(n) if lo <= conf[i] < hi or (b == BINS - 1 and conf[i] == 1.0)]
        count = len(members)
        mean_conf = sum(conf[i] for i in members) / count if count else 0.0
        bin_acc = sum(correct[i] for i in members) / count if count else 0.0
        bins.append({"count": count, "confidence": mean_conf, "accuracy": bin_acc})
    ece = sum(b["count"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins)

    # Equal-mass bins.
    order = sorted(range(n), key=lambda i: (conf[i], i))
    sizes = [n // BINS + (1 if b < n % BINS else 0) for b in range(BINS)]
    adaptive, start = 0.0, 0
    for size in sizes:
        members = order[start:start + size]
        start += size
        if members:
            gap = sum(correct[i] for i in members) / size - sum(conf[i] for i in members) / size
            adaptive += size / n * abs(gap)

    # Risk-coverage.
    ranked = sorted(range(n), key=lambda i: (-conf[i], i))

    def aurc_of(sequence):
        total, errors = 0.0, 0.0
        for k, i in enumerate(sequence, start=1):
            errors += 1.0 - correct[i]
            total += errors / k
        return total / n

    aurc = aurc_of(ranked)
    oracle = sorted(range(n), key=lambda i: (-correct[i], i))
    selective = []
    for c in COVERAGES:
        k = max(1, math.ceil(c * n - 1e-9))
        selective.append(sum(correct[i] for i in ranked[:k]) / k)

    return {
        "accuracy": acc, "nll": nll, "brier": brier, "ece": ece, "adaptive_ece": adaptive,
        "reliability": bins, "aurc": aurc, "eaurc": aurc - aurc_of(oracle),
        "coverages": COVERAGES, "selective_accuracy": selective,
        "msp": conf, "entropy": [entropy(r) for r in probs],
    }


def ood(in_scores, out_scores):
    pairs = 0.0
    for o in out_scores:
        for i in in_scores:
            pairs += 1.0 if o > i else 0.5 if o == i else 0.0
    auroc = pairs / (len(in_scores) * len(out_scores))

    def average_precision(pos, neg):
        thresholds = sorted(set(pos) | set(neg), reverse=True)
        ap, prev_recall = 0.0, 0.0
        for t in thresholds:
            tp = sum(1 for s in pos if s >= t)
            fp = sum(1 for s in neg if s >= t)
            recall = tp / len(pos)
            ap += (recall - prev_recall) * tp / (tp + fp)
            prev_recall = recall
        return ap

    fpr95 = None
    for t in sorted(set(in_scores) | set(out_scores), reverse=True):
        if sum(1 for s in out_scores if s >= t) / len(out_scores) >= 0.95:
            fpr95 = sum(1 for s in in_scores if s >= t) / len(in_scores)
            break
    return {
        "auroc": auroc,
        "aupr_out": average_precision(list(out_scores), list(in_scores)),
        "aupr_in": average_precision([-s for s in in_scores], [-s for s in out_scores]),
        "fpr_at_95_tpr": fpr95,
    }


def mc(logits, labels):
    n, t_count, k_count = logits.shape
    result = {"mean_probs": [], "predictive_entropy": [], "expected_entropy": [], "mutual_information": [],
              "variance": [], "variation_ratio": [], "nll": [], "prediction": []}
    for i in range(n):
        p = softmax_rows(logits[i])
        mean = [sum(p[t][k] for t in range(t_count)) / t_count for k in range(k_count)]
        h = entropy(mean)
        eh = sum(entropy(p[t]) for t in range(t_count)) / t_count
        var = [sum((p[t][k] - mean[k]) ** 2 for t in range(t_count)) / t_count for k in range(k_count)]
        votes = [0] * k_count
        for t in range(t_count):
            votes[argmax(p[t])] += 1
        result["mean_probs"].extend(mean)
        result["predictive_entropy"].append(h)
        result["expected_entropy"].append(eh)
        result["mutual_information"].append(h - eh)
        result["variance"].extend(var)
        result["variation_ratio"].append(1.0 - max(votes) / t_count)
        result["nll"].append(-math.log(mean[int(labels[i])]))
        result["prediction"].append(argmax(mean))
    return result


def main():
    rng = np.random.default_rng(20240611)
    n, k = 40, 5
    labels = rng.integers(0, k, size=n)
    logits = rng.normal(size=(n, k)).astype(np.float32) * 2.0
    logits[np.arange(n), labels] += 1.5  # better than chance, not perfect
    probs = np.array(softmax_rows(logits), dtype=np.float32)

    out_logits = (rng.normal(size=(30, k)) * 0.7).astype(np.float32)
    out_probs = np.array(softmax_rows(out_logits), dtype=np.float32)
    in_metrics = classification(probs.astype(np.float64).tolist(), labels.tolist())
    out_metrics = classification(out_probs.astype(np.float64).tolist(), [0] * len(out_probs))

    # Raw scores with deliberate ties (multiples of 0.05) for the tie rules of AUROC, AUPR and FPR@95.
    in_scores = (np.round(rng.normal(0.0, 1.0, size=33) * 20) / 20).astype(np.float64)
    out_scores = (np.round(rng.normal(1.0, 1.0, size=27) * 20) / 20).astype(np.float64)

    t_count, mc_n, mc_k = 7, 6, 4
    mc_logits = (rng.normal(size=(mc_n, t_count, mc_k)) * 2.0).astype(np.float32)
    mc_logits[5] *= 15.0  # confident, sharply disagreeing passes: probabilities near 0 and 1
    mc_labels = rng.integers(0, mc_k, size=mc_n)

    golden = {
        "classes": k,
        "probs": probs.reshape(-1).astype(np.float64).tolist(),
        "labels": labels.tolist(),
        "logits": logits.reshape(-1).astype(np.float64).tolist(),
        "nll_from_logits": sum(-math.log(r[y]) for r, y in zip(softmax_rows(logits.astype(np.float64)), labels)) / n,
        "metrics": in_metrics,
        "out_probs": out_probs.reshape(-1).astype(np.float64).tolist(),
        "ood_msp": ood([1.0 - c for c in in_metrics["msp"]], [1.0 - c for c in out_metrics["msp"]]),
        "ood_entropy": ood(in_metrics["entropy"], out_metrics["entropy"]),
        "in_scores": in_scores.tolist(),
        "out_scores": out_scores.tolist(),
        "ood_scores": ood(in_scores.tolist(), out_scores.tolist()),
        "mc": {
            "samples": mc_n, "passes": t_count, "classes": mc_k,
            "logits": mc_logits.reshape(-1).astype(np.float64).tolist(),
            "labels": mc_labels.tolist(),
            **mc(mc_logits.astype(np.float64), mc_labels),
        },
    }
    path = OUT / "uncertainty_golden.json"
    path.write_text(json.dumps(golden, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
