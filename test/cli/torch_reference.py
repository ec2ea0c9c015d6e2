"""PyTorch float64 reference for `npm run sim` on a table experiment (test/cli/torch.test.ts).

Reads {"experiment", "columns", "rows"} as JSON on stdin, resolves the table on its own
(rows with a missing feature or label, or a label in no class, left out; standardised
with numpy's mean and population standard deviation), trains every variant with
torch.optim.SGD from the experiment's explicit start on the full batch, and prints one
JSON line per frame: {"variant", "step", "loss", "params"} (params flattened as the sim
prints them: each layer's W row-major, then its b).
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
MISSING = {"", "na", "n/a", "nan", "null", "none", "?", ".", "-"}


def missing(v):
    return v is None or (isinstance(v, str) and v.strip().lower() in MISSING)


def label_text(v):
    if isinstance(v, str):
        return v.strip()
    return str(int(v)) if float(v).is_integer() else repr(v)


def resolve(spec, columns, rows):
    fj = [columns.index(f) for f in spec["features"]]
    lj = columns.index(spec["label"])
    cls = {v: c for c, vs in enumerate(spec["classes"]) for v in vs}
    xs, ys = [], []
    for row in rows:
        if missing(row[lj]) or any(missing(row[j]) for j in fj):
            continue
        c = cls.get(label_text(row[lj]))
        if c is None:
            continue
        xs.append([float(row[j]) for j in fj])
        ys.append(c)
    x = np.array(xs, dtype=np.float64)
    if spec.get("standardize"):
        mean = x.mean(axis=0)
        std = x.std(axis=0)
        std[std == 0] = 1.0
        x = (x - mean) / std
    return torch.tensor(x), torch.tensor(ys)


ACT = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "linear": lambda h: h}


def loss_of(unit, loss, z, y):
    yf = y.to(torch.float64)
    if unit == "softmax":
        if loss == "nll":
            return F.cross_entropy(z, y)
        return F.mse_loss(torch.softmax(z, dim=1), F.one_hot(y, z.shape[1]).to(torch.float64))
    z = z[:, 0]
    if unit == "sigmoid" and loss == "nll":
        return F.binary_cross_entropy_with_logits(z, yf)
    f = {"sigmoid": torch.sigmoid, "clipped": lambda v: torch.clamp(v, 0, 1), "linear": lambda v: v}[unit](z)
    return F.binary_cross_entropy(f, yf) if loss == "nll" else F.mse_loss(f, yf)


def main():
    req = json.load(sys.stdin)
    exp = req["experiment"]
    x, y = resolve(exp["data"], req["columns"], req["rows"])
    base = exp["model"]
    variants = exp.get("variants") or [{}]
    for k, v in enumerate(variants):
        unit = v.get("model", {}).get("output", base["output"])
        act = ACT[v.get("model", {}).get("activation", base["activation"])]
        loss = v.get("loss", exp["loss"])
        opt = {**exp["optimizer"], **v.get("optimizer", {})}
        layers = []
        for l, layer in enumerate(exp["init"]["layers"]):
            W = torch.tensor(layer["W"])
            b = torch.tensor(layer["b"])
            last = l == len(exp["init"]["layers"]) - 1
            if last and unit == "softmax" and W.shape[0] == 1:
                W = torch.cat([-W / 2, W / 2])
                b = torch.cat([-b / 2, b / 2])
            layers.append((W.clone().requires_grad_(), b.clone().requires_grad_()))
        params = [p for wb in layers for p in wb]
        sgd = torch.optim.SGD(params, lr=opt["learningRate"], momentum=opt["momentum"])

        def forward():
            h = x
            for l, (W, b) in enumerate(layers):
                z = h @ W.T + b
                h = z if l == len(layers) - 1 else act(z)
            return loss_of(unit, loss, h, y)

        for step in range(exp["steps"] + 1):
            sgd.zero_grad()
            J = forward()
            flat = torch.cat([p.detach().reshape(-1) for p in params]).tolist()
            print(json.dumps({"variant": k, "step": step, "loss": J.item(), "params": flat}))
            J.backward()
            sgd.step()


main()
