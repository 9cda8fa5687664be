#!/usr/bin/env bash
# Fetches the face models from the npm package faceplugin-face-recognition-js@0.0.1 (MIT) into
# $IDENTITIES_MODELS_DIR (default ./models) and checks each against scripts/models.sha256.
# Quick when the files are already there and match.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="faceplugin-face-recognition-js@0.0.1"
models_dir="${IDENTITIES_MODELS_DIR:-$root/models}"
sums="$root/scripts/models.sha256"

verified() {
  (cd "$models_dir" && sha256sum --check --status "$sums") 2>/dev/null
}

mkdir -p "$models_dir"
if verified; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "models.sh: npm is not installed, so $package cannot be fetched." >&2
  echo "  Install Node.js/npm, or put these files (checked by SHA-256) into $models_dir:" >&2
  sed 's/^/    /' "$sums" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "models.sh: fetching $package with npm pack" >&2
if ! (cd "$work" && npm pack --silent "$package" >/dev/null 2>"$work/npm.log"); then
  cat "$work/npm.log" >&2
  echo "models.sh: npm could not fetch $package (is the npm registry reachable?)." >&2
  echo "  Fetch it elsewhere with 'npm pack $package', and put model/<file> for each of these" >&2
  echo "  into $models_dir (checked by SHA-256):" >&2
  sed 's/^/    /' "$sums" >&2
  exit 1
fi

tar -xzf "$work"/*.tgz -C "$work"
while read -r _ file; do
  cp "$work/package/model/$file" "$models_dir/$file"
done < "$sums"
cp "$work/package/LICENSE" "$models_dir/LICENSE.faceplugin"

if ! verified; then
  (cd "$models_dir" && sha256sum --check "$sums") >&2 || true
  echo "models.sh: the fetched models do not match scripts/models.sha256; refusing to use them." >&2
  exit 1
fi
echo "models.sh: models ready in $models_dir" >&2
