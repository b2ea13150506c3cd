#!/usr/bin/env bash
# Prints the size of every file in dist/ (not hidden ones such as Trunk's .trunk-lock), raw and
# gzipped (gzip -9), the total of what a browser loads when it opens the app (index.html and
# every file it names: the app's .js, .wasm and .css), and apart from it the background worker,
# which the app downloads after its first paint (worker.js and vpc-planner-worker*), and the
# importer, which it downloads on the first import (vpc-planner-importer*); writes the same
# table to target/bundle-size.txt.
#
# usage: scripts/bundle-size.sh [DIST_DIR]     (default: dist)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

dist="${1:-dist}"
out="target/bundle-size.txt"
[ -d "$dist" ] || die "$dist/ does not exist; build first: trunk build --release"
mkdir -p "$(dirname "$out")"

# One line per file: path, raw bytes, gzip bytes, whether the page loads it at start.
rows="$(
    find "$dist" -type f ! -name '.*' | LC_ALL=C sort | while IFS= read -r file; do
        raw=$(wc -c <"$file")
        gz=$(gzip -9 -c "$file" | wc -c)
        # At start: the page itself and what it names (Trunk writes no tag for a worker).
        name="${file#"$dist"/}"
        if [ "$name" = index.html ] || grep -qF "/$name" "$dist/index.html"; then
            loaded=yes
        else
            case "$name" in
                worker.js | vpc-planner-worker*) loaded=worker ;;
                vpc-planner-importer*) loaded=importer ;;
                *) loaded=no ;;
            esac
        fi
        printf '%s\t%d\t%d\t%s\n' "${file#"$dist"/}" "$raw" "$gz" "$loaded"
    done
)"
[ -n "$rows" ] || die "$dist/ is empty"

printf '%s\n' "$rows" | awk -F'\t' -v dist="$dist" '
    # 1234567 -> 1,234,567 (mawk has no printf flag for it)
    function n(x,   s, r) { s = sprintf("%d", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }
    {
        w = length($1) > w ? length($1) : w
        file[NR] = $1; raw[NR] = $2; gz[NR] = $3; loaded[NR] = $4
        all_raw += $2; all_gz += $3
        if ($4 == "yes") { start_raw += $2; start_gz += $3 }
        if ($4 == "worker") { worker_raw += $2; worker_gz += $3 }
        if ($4 == "importer") { importer_raw += $2; importer_gz += $3 }
    }
    END {
        if (w < 49) w = 49
        line = sprintf("%" w + 38 "s", ""); gsub(/ /, "-", line)
        printf "Bundle size of %s/ (gzip -9)\n", dist
        printf "%-" w "s %12s %12s %10s\n", "file", "raw bytes", "gzip bytes", "at start"
        print line
        for (i = 1; i <= NR; i++)
            printf "%-" w "s %12s %12s %10s\n", file[i], n(raw[i]), n(gz[i]), loaded[i]
        print line
        printf "%-" w "s %12s %12s\n", "loaded at start (index.html and what it names)", n(start_raw), n(start_gz)
        printf "%-" w "s %12s %12s\n", "Background worker (loaded after the first paint)", n(worker_raw), n(worker_gz)
        printf "%-" w "s %12s %12s\n", "Importer (loaded on the first import)", n(importer_raw), n(importer_gz)
        printf "%-" w "s %12s %12s\n", "a visit without an import (start and worker)", n(start_raw + worker_raw), n(start_gz + worker_gz)
        printf "%-" w "s %12s %12s\n", "all files", n(all_raw), n(all_gz)
    }' | tee "$out"
say "written to $out"
