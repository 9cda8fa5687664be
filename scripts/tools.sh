#!/usr/bin/env bash
# Tools of the client and contract checks, pinned: buf (protos lint and breaking check) and Redocly CLI (OpenAPI
# lint) from npm into .cache/tools, and PowerShell 7 as a .NET global tool (the contract's PowerShell examples).
# Idempotent and quick when present; called by scripts/bootstrap.sh. Without npm the tests that need buf or
# Redocly are skipped with the reason; without PowerShell the PowerShell test is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.cache/tools"
npm_packages=("@bufbuild/buf@1.75.0" "@redocly/cli@2.77.0")
powershell_version="7.6.9"

if command -v npm >/dev/null 2>&1; then
  if [ "$(cat "$tools/installed" 2>/dev/null)" != "${npm_packages[*]}" ]; then
    echo "tools: installing ${npm_packages[*]} into $tools" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "${npm_packages[@]}" >/dev/null
    echo "${npm_packages[*]}" >"$tools/installed"
  fi
else
  echo "tools: npm not found; the buf and Redocly checks will be skipped" >&2
fi

if ! command -v pwsh >/dev/null 2>&1 && [ ! -x "$HOME/.dotnet/tools/pwsh" ]; then
  echo "tools: installing PowerShell $powershell_version (dotnet tool install --global)" >&2
  dotnet tool install --global PowerShell --version "$powershell_version" >/dev/null ||
    echo "tools: PowerShell could not be installed; the PowerShell examples test will be skipped" >&2
fi
