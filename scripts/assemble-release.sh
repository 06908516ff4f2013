#!/usr/bin/env bash
# Copies what production runs (built server, dashboard, CLI and runner, plus
# the manifests `npm ci --omit=dev` needs) from a built checkout into an empty
# directory. The Dockerfile's build stage runs it, and so does the
# production-install test (tests/deploy), so the test proves the image's contents.
#
# Usage: scripts/assemble-release.sh <empty-output-dir>
#   MAESTRO_WEB_DIST_DIR: the dashboard build folder inside apps/web (default .next);
#   the release always names it .next.
set -euo pipefail

out=${1:?usage: scripts/assemble-release.sh <empty-output-dir>}
root=$(cd "$(dirname "$0")/.." && pwd)
web_dist=${MAESTRO_WEB_DIST_DIR:-.next}

need() {
  if [ ! -e "$root/$1" ]; then
    echo "assemble-release: $1 is missing; build first (npm run build)" >&2
    exit 1
  fi
}
need apps/server/dist/main.js
need packages/runner/dist/main.js
need apps/cli/dist/maestro-bundle.cjs
need "apps/web/$web_dist/BUILD_ID"

mkdir -p "$out"
if [ -n "$(ls -A "$out")" ]; then
  echo "assemble-release: $out is not empty" >&2
  exit 1
fi

cd "$root"
cp package.json package-lock.json .npmrc "$out/"
# The root postinstall (run by npm ci --omit=dev) patches postgres.js; see the script.
mkdir -p "$out/scripts"
cp scripts/patch-postgres.mjs "$out/scripts/"
# Every workspace's manifest: npm ci checks the lock file against all of them.
for manifest in apps/*/package.json packages/*/package.json; do
  mkdir -p "$out/$(dirname "$manifest")"
  cp "$manifest" "$out/$manifest"
done
cp -r apps/server/dist "$out/apps/server/dist"
cp -r packages/runner/dist "$out/packages/runner/dist"
cp -r apps/cli/bin apps/cli/dist "$out/apps/cli/"
# Built-in skills: the runner finds them by walking up from its bundle.
cp -r skills "$out/skills"
# The dashboard: Next's production build (without its build cache), its config and public files.
mkdir -p "$out/apps/web/.next"
(cd "apps/web/$web_dist" && tar --exclude=./cache -cf - .) | (cd "$out/apps/web/.next" && tar -xf -)
cp apps/web/next.config.ts "$out/apps/web/"
if [ -d apps/web/public ]; then cp -r apps/web/public "$out/apps/web/public"; fi
echo "assemble-release: $out ready ($(du -sh "$out" | cut -f1) before npm ci --omit=dev)"
