#!/usr/bin/env bash
# The main job, end to end: install what is missing, build, gather one person's posts,
# fine-tune the shipped base model on them, and print posts in their voice.
#   HANDLE=someone (Twitter, token in TWITTER_BEARER_TOKEN), HANDLE=@user@instance (Mastodon),
#   HANDLE=name.bsky.social (Bluesky); without HANDLE it imports the sample archive, offline.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
make --no-print-directory

out=build/demo
mkdir -p "$out"
handle=${HANDLE:-}
steps=${STEPS:-300}
if [ -n "$handle" ]; then
  name=$(printf '%s' "$handle" | tr -c 'A-Za-z0-9_.-' '_')
  posts="$out/$name.jsonl"
  bin/tweeter fetch "$handle" --out "$posts"
else
  name=sample
  posts="$out/sample.jsonl"
  bin/tweeter import examples/sample-archive --out "$posts"
fi

model="$out/$name.twm"
rm -f "$model" "$model.ckpt"
bin/tweeter train --data "$posts" --model "$model" --from base --steps "$steps" --half
echo
echo "Ten new posts in the voice of ${handle:-the sample archive}:"
bin/tweeter generate "$model" -n 10 --temperature 0.8 --novel-against "$posts"
