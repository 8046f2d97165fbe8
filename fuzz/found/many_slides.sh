#!/bin/sh
# Finding 1 (docs/fuzzing.md): loading time grew with the square of the
# number of slides. Writes a valid deck of N small slides (default 64000,
# about 1.5 MB, far under MAX_DECK_BYTES = 16 MiB) to stdout:
#   sh fuzz/found/many_slides.sh 64000 > /tmp/many.ron
#   time cargo run --release -q -- check /tmp/many.ron
# Before 55b35a5 this took about 43 s; since, about 0.1 s.
n=${1:-64000}
awk -v n="$n" 'BEGIN {
    printf "(title: \"t\", slides: ["
    for (i = 0; i < n; i++) printf "%s(id:\"s%d\",title:\"t\")", (i ? "," : ""), i
    print "])"
}'
