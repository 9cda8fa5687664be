#!/usr/bin/env bash
# The gRPC contracts' checks, with buf from scripts/tools.sh and the committed buf.yaml:
#   scripts/protos.sh lint        every service, RPC, message and field named and commented by buf's rules
#   scripts/protos.sh breaking    no wire (binary or JSON) change against protos/buf-baseline.json, the released protos
#   scripts/protos.sh baseline    records the current protos as the new baseline (at a release)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
buf="$root/.cache/tools/node_modules/.bin/buf"
[ -x "$buf" ] || "$root/scripts/tools.sh"
baseline="protos/buf-baseline.json"

case "${1:-}" in
  lint) "$buf" lint ;;
  breaking) "$buf" breaking --against "$baseline" ;;
  baseline) "$buf" build --exclude-source-info -o "$baseline" && echo "protos: baseline written to $baseline" >&2 ;;
  *) echo "usage: scripts/protos.sh lint|breaking|baseline" >&2; exit 2 ;;
esac
