#!/usr/bin/env python3
"""Checks the answer key against the three catalog files in this folder.

Every chat route in models-dev.json, litellm.json and openrouter.json must appear exactly
once in expected.json, either in one model's "routes" or in "review", and expected.json must
name no route the files do not have. "Chat route" means what ModelHub's importer reads:
every models.dev model, every OpenRouter entry, and every LiteLLM entry with a
litellm_provider whose mode is chat, completion or responses (or missing).

Run: python3 check_expected.py   (exit code 0 when the key matches the files)
"""
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LITELLM_CHAT_MODES = {"chat", "completion", "responses"}
NAMED_LABS = {
    "Anthropic", "OpenAI", "Google DeepMind", "Meta", "Mistral AI", "DeepSeek", "Alibaba", "Zhipu AI (Z.ai)",
    "xAI", "Cohere", "Microsoft", "Amazon", "Moonshot AI", "MiniMax", "NVIDIA", "Nous Research", "AI21 Labs",
    "Perplexity", "IBM",
}


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return json.load(f)


def file_routes(errors):
    routes = []

    models_dev = load("models-dev.json")
    providers = models_dev["providers"] if isinstance(models_dev.get("providers"), dict) else models_dev
    for provider_key, provider in providers.items():
        for model_key, model in provider["models"].items():
            if model.get("id", model_key) != model_key:
                errors.append(f"models-dev {provider_key}/{model_key}: 'id' is {model.get('id')!r}, not the key")
            routes.append(("models-dev", provider_key, model_key))

    litellm = load("litellm.json")
    seen_provider_ids = {}
    for key, entry in litellm.items():
        if key == "sample_spec" or not isinstance(entry, dict) or "litellm_provider" not in entry:
            continue
        if entry.get("mode", "chat") not in LITELLM_CHAT_MODES:
            continue
        provider = entry["litellm_provider"]
        # The importer strips a "<provider>/" prefix; two keys that strip to the same ID would collide.
        model_id = key[len(provider) + 1:] if key.lower().startswith(provider.lower() + "/") else key
        if (provider, model_id) in seen_provider_ids:
            errors.append(f"litellm {key!r} and {seen_provider_ids[(provider, model_id)]!r} are the same route ({provider}, {model_id})")
        seen_provider_ids[(provider, model_id)] = key
        routes.append(("litellm", key))

    for entry in load("openrouter.json")["data"]:
        routes.append(("openrouter", entry["id"]))

    return routes


def ref(r, where, errors):
    file = r.get("file")
    if file == "models-dev" and "provider" in r and "id" in r:
        return ("models-dev", r["provider"], r["id"])
    if file == "litellm" and "key" in r:
        return ("litellm", r["key"])
    if file == "openrouter" and "id" in r:
        return ("openrouter", r["id"])
    errors.append(f"{where}: malformed route reference {r}")
    return None


def main():
    errors = []
    in_files = file_routes(errors)
    dup_in_files = [r for r, n in Counter(in_files).items() if n > 1]
    errors += [f"route listed twice in its file: {r}" for r in dup_in_files]

    expected = load("expected.json")
    claimed = []  # (route, where)
    keys = Counter()
    labs = Counter()
    for i, model in enumerate(expected["models"]):
        where = f"models[{i}] {model.get('key')!r}"
        for field in ("key", "name", "lab"):
            if not model.get(field):
                errors.append(f"{where}: missing '{field}'")
        keys[model.get("key")] += 1
        labs[model.get("lab")] += 1
        if not model.get("routes"):
            errors.append(f"{where}: no routes")
        for r in model.get("routes", []):
            t = ref(r, where, errors)
            if t:
                claimed.append((t, where))
    for i, item in enumerate(expected["review"]):
        where = f"review[{i}]"
        if not item.get("why"):
            errors.append(f"{where}: missing 'why'")
        t = ref(item, where, errors)
        if t:
            claimed.append((t, where))

    errors += [f"model key used {n} times: {k!r}" for k, n in keys.items() if n > 1]

    file_set = set(in_files)
    places = {}
    for t, where in claimed:
        places.setdefault(t, []).append(where)
    for t, wheres in places.items():
        if len(wheres) > 1:
            errors.append(f"{t} appears {len(wheres)} times in expected.json: {', '.join(wheres)}")
        if t not in file_set:
            errors.append(f"{t} (in {wheres[0]}) is not a chat route in the files")
    for t in in_files:
        if t not in places:
            errors.append(f"{t} is in the files but not in expected.json")

    per_file = Counter(t[0] for t in in_files)
    print(f"models: {len(expected['models'])}, review: {len(expected['review'])}, labs: {len(labs)}")
    print("chat routes: " + ", ".join(f"{f} {per_file[f]}" for f in ("models-dev", "litellm", "openrouter")) + f", total {len(in_files)}")
    other = sorted(l for l in labs if l not in NAMED_LABS)
    if other:
        print("labs outside the named list (common names): " + ", ".join(other))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: every chat route appears exactly once in expected.json, and nothing else does.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
