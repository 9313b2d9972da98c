#!/bin/sh
# Seed fuzz/corpus/<target>/ from the repository's own files and the kept
# minimized corpora (fuzz/seeds/), so that a fresh clone starts every
# target from real copy and from the paths earlier rounds reached:
#   ./seed.sh            # then ./run_all.sh SECONDS
# Files already in a corpus are kept (libFuzzer names its units by content
# hash; seeds are named seed-*). Every seed is cut to 4096 bytes, the
# -max_len that run_all.sh uses.
set -e
cd "$(dirname "$0")"
root=..
put() { # put TARGET FILE...
    t=$1; shift
    mkdir -p "corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] || continue
        head -c 4096 "$f" > "corpus/$t/seed-$(basename "$f")"
    done
}
# Prose: the fuzz fixtures, the reference article, 20 Wikinews articles in
# each markup, the outline fixtures.
plain="$root/tests/fixtures/fuzz/*.txt $root/tests/fixtures/reference/*.txt $root/tests/fixtures/outline/*.txt"
wiki=$(ls "$root"/tests/fixtures/wikinews/*.md | grep -v LICENSE | head -20)
md="$root/tests/fixtures/fuzz/*.md $root/tests/fixtures/outline/*.md"
for t in analyze_plain analyze_markdown positions edits server; do
    # shellcheck disable=SC2086
    put "$t" $plain $md $wiki
done
# The knowledge-base parser: the fuzz fixtures, the head of the curated
# base, and the README's example.
put kb_user "$root"/tests/fixtures/fuzz/kb/*.toml "$root/data/curated.toml"
awk '/^```toml$/{n++; on=1; next} /^```$/{on=0} on && n==1' "$root/README.md" > corpus/kb_user/seed-readme-actors.toml
# The config parser: the fuzz fixtures and the README's example.
put config "$root"/tests/fixtures/fuzz/config/*
awk '/^```toml$/{n++; on=1; next} /^```$/{on=0} on && n==2' "$root/README.md" > corpus/config/seed-readme-config.toml
# The frame reader: its regression inputs and one whole initialize frame.
put frames "$root"/tests/fixtures/fuzz/frames/*
body='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body" > corpus/frames/seed-initialize.bin
# The corpus of the last fuzz round, where one is kept (fuzz/seeds/<target>/,
# cut to a set covering every edge: see seeds/README.md): later rounds go
# on from the paths it reaches instead of from nothing.
for d in seeds/*/; do
    [ -d "$d" ] || continue
    t=$(basename "$d")
    mkdir -p "corpus/$t"
    cp -n "$d"* "corpus/$t/" 2>/dev/null || true
done
for t in corpus/*; do echo "$t: $(ls "$t" | wc -l) files"; done
