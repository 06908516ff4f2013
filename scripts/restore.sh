#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an existing, empty or
# Maestro database: objects in the dump are dropped and recreated. Stop the
# Maestro server first (docs/deployment.md, Restore).
#   scripts/restore.sh <file.dump>
#   DATABASE_URL set: restores into it with the local pg_restore; otherwise into
#   the `db` service of compose project MAESTRO_COMPOSE_PROJECT (default maestro).
set -euo pipefail

file=${1:?usage: scripts/restore.sh <backup.dump>}
if [ ! -r "$file" ]; then echo "restore: cannot read $file" >&2; exit 2; fi
pg_restore --list "$file" >/dev/null

if [ -n "${DATABASE_URL:-}" ]; then
  pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$file"
else
  project=${MAESTRO_COMPOSE_PROJECT:-maestro}
  env_args=()
  if [ -n "${MAESTRO_ENV_FILE:-}" ]; then env_args=(--env-file "$MAESTRO_ENV_FILE"); fi
  # shellcheck disable=SC2016 # expanded inside the container
  docker compose --project-name "$project" "${env_args[@]}" exec -T db \
    sh -c 'pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction -U "$POSTGRES_USER" -d "$POSTGRES_DB"' <"$file"
fi
echo "restore: $file restored"
