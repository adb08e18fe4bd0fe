"""Write the measured part of training/MODEL_CARD.md from the shipped training_manifest.json.

    /tmp/venvtest/bin/python training/model_card.py   # prints the generated section

The generated text goes between the markers `<!-- generated:start -->` and
`<!-- generated:end -->` of MODEL_CARD.md (the rest of the card is written by hand).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WEIGHTS = ROOT / "verifier" / "weights" / "stance"
LABELS = ("supported", "contradicted", "neutral")


def render(m: dict) -> str:
    d = m["data"]
    lines = [
        f"- model: `{m['name']}`, from {m['base_model']} (base weights sha256 "
        f"`{m['base_model_sha256']}`)",
        f"- weights: `model.safetensors` fp16, {m['weights_bytes'] / 1e6:.1f} MB, sha256 "
        f"`{next(iter(m['weights_sha256'].values()))}`",
        f"- trained: {m['steps']} steps of {m['batch']} pairs ({m['epochs']} epochs of "
        f"{m['train_pairs']} pairs; planned {m['planned_steps']}, stopped by "
        f"{'the time budget' if m['stopped_early'] else 'the step count'}), "
        f"{m['train_seconds'] / 60:.1f} min wall time on 2 shared CPU cores, torch {m['torch']}",
        f"- seed {m['seed']} (training), {d['seed']} (pairs); hyperparameters: "
        + ", ".join(f"{k}={v}" for k, v in sorted(m["hyperparameters"].items())),
        f"- training file sha256 `{m['train_file_sha256']}`",
    ]
    init = m.get("init_from")
    if init:
        lines.append(
            f"- second stage: started from `{init.get('name') or init['folder']}` (weights sha256 "
            f"`{init['weights_sha256']}`, {init.get('steps')} steps on the training file "
            f"`{init.get('train_file_sha256')}`) with a fresh optimizer and schedule; the steps "
            "and time above are this stage's")
    lines += [
        "",
        "Training pairs by source (after the 2x repeat of SciFact rationales and HealthVer):",
        "",
        "| source | pairs |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in sorted(d["train_by_source"].items())]
    lines += ["", "By label: " + ", ".join(f"{k} {v}" for k, v in d["train_by_label"].items()),
              "", "Input files (sha256):", ""]
    ref = {k: v for k, v in d["inputs"].items() if k.startswith("reference_docs")}
    lines += [f"- `{k}` `{v}`" for k, v in d["inputs"].items() if k not in ref]
    lines += [f"- {len(ref)} files `reference_docs/*.md` (hashes in training_manifest.json)",
              "", "Held-out reference documents (synthetic test pairs only): "
              + ", ".join(d["heldout_reference_docs"]), ""]
    hm = m.get("heldout_metrics")
    if hm:
        lines += ["Held-out figures (bench/bench_stance.py on the shipped fp16 weights):", "",
                  "| set | pairs | macro-F1 | accuracy | F1 supported | F1 contradicted | "
                  "F1 neutral |", "|---|---|---|---|---|---|---|"]
        for k, v in hm.items():
            f1 = v["f1"]
            lines.append(f"| {k} | {v['pairs']} | {v['macro_f1']:.3f} | {v['accuracy']:.3f} | "
                         + " | ".join(f"{f1[lab]:.3f}" for lab in LABELS) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    m = json.loads((WEIGHTS / "training_manifest.json").read_text())
    text = render(m)
    card = HERE / "MODEL_CARD.md"
    if card.is_file() and "<!-- generated:start -->" in card.read_text():
        body = card.read_text()
        body = re.sub(r"<!-- generated:start -->.*<!-- generated:end -->",
                      lambda _: f"<!-- generated:start -->\n{text}<!-- generated:end -->",
                      body, flags=re.S)
        card.write_text(body)
        print(f"updated {card}", file=sys.stderr)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
