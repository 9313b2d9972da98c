#!/bin/sh
# Run every fuzz target in turn, one job each: ./run_all.sh SECONDS_PER_TARGET
# FLAGS='-O -a -s none' ./run_all.sh 3600: without AddressSanitizer and with
# overflow checks, about 2.6 times the executions (copydesk's own code has
# no unsafe); the default is cargo-fuzz's (-O, AddressSanitizer).
# libFuzzer's output goes to fuzz/logs/<target>.log; crashes to
# fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/
# (./seed.sh seeds it on a fresh clone). TARGETS='server edits' picks
# targets. python3 summary.py prints a README row per log afterwards.
# The text targets (analyze_plain, analyze_markdown) mutate with the pieces
# of copy in dicts/prose.dict (quote marks, attribution words, names,
# Markdown markers); DICT=none leaves it out.
cd "$(dirname "$0")"
secs=${1:-600}
mkdir -p logs
for t in ${TARGETS:-analyze_plain analyze_markdown positions edits kb_user config frames server}; do
    rm -f fuzz-0.log
    dict=
    case "$t" in
        analyze_plain | analyze_markdown) [ "${DICT:-}" = none ] || dict=-dict=dicts/prose.dict ;;
    esac
    RUSTC_BOOTSTRAP=1 cargo fuzz run ${FLAGS:--O} "$t" -- -max_total_time="$secs" \
        -max_len=4096 -jobs=1 -print_final_stats=1 $dict > "logs/$t.cargo.log" 2>&1
    echo "$t exit $?"
    mv fuzz-0.log "logs/$t.log" 2>/dev/null
done
