# Runs each DIR/N.src (a `printf` of a word, or a `cat` of a heredoc) with bash; see README.md.
mark=$(printf '\001HOLE\001')
for file in "$1"/*.src; do
    (
        for name in $(grep -o '\$[{]\?[A-Za-z_][A-Za-z0-9_]*' "$file" | tr -d '${' | sort -u); do
            declare "$name=$mark"
        done
        . "$file"
    ) >"${file%.src}.out" 2>/dev/null || printf '\000ERROR status %s' "$?" >"${file%.src}.out"
done
