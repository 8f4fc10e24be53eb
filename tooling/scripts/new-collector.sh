#!/usr/bin/env bash
# Scaffolds the package files every built-in collector shares: new-collector.sh <name> "<description>"
set -euo pipefail
name=$1; description=$2
dir="packages/collectors/$name"
mkdir -p "$dir/src" "$dir/test/testcases"
sed -e "s/@spinel\/collector-cpu/@spinel\/collector-$name/" -e "s/\"cpu\"\]/\"$name\"]/" -e "s#packages/collectors/cpu#packages/collectors/$name#" \
  packages/collectors/cpu/package.json | node -e "
let s=require('fs').readFileSync(0,'utf8'); const p=JSON.parse(s); p.description=process.argv[1]; p.keywords=['spinel','spinel-plugin','spinel-collector','metrics',process.argv[2]]; console.log(JSON.stringify(p,null,2));" "$description" "$name" > "$dir/package.json"
cp packages/collectors/cpu/tsconfig.json "$dir/tsconfig.json"
cp packages/collectors/cpu/src/index.ts "$dir/src/index.ts"
