#!/bin/sh
# Copies the mini tree to $1 and writes its compile_commands.json there.
#   mktree.sh DEST INPUTS RESOURCE_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$1"
mkdir -p "$1"
cp -R "$here/tree/." "$1"
root=$(cd "$1" && pwd)
sed -e "s|@ROOT@|$root|g" -e "s|@INPUTS@|$2|g" -e "s|@RESOURCE@|$3|g" \
  "$root/compile_commands.json.in" > "$root/compile_commands.json"
rm "$root/compile_commands.json.in"
