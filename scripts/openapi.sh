#!/usr/bin/env bash
# Regenerates docs/openapi.json from the gateway's /openapi/v1.json (the test that compares them writes it), then
# lints it with Redocly CLI. Run after changing the public API (and after rebasing onto changes of others); commit the result.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
IDENTITIES_WRITE_OPENAPI=1 dotnet test tests/Identities.Clients.Tests --nologo -v q \
  --filter "FullyQualifiedName~OpenApiDocument_Served_EqualsDocsOpenApiJson"
[ -x .cache/tools/node_modules/.bin/redocly ] || scripts/tools.sh
REDOCLY_TELEMETRY=off .cache/tools/node_modules/.bin/redocly lint docs/openapi.json
