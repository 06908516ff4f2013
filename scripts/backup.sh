#!/usr/bin/env bash
# One PostgreSQL backup (pg_dump custom format) into MAESTRO_BACKUP_DIR, keeping
# the newest MAESTRO_BACKUP_KEEP files. Run it from cron (docs/deployment.md, Backups).
#   DATABASE_URL set: dumps that database with the local pg_dump.
#   Otherwise: dumps the `db` service of compose project MAESTRO_COMPOSE_PROJECT
#   (default maestro) with the pg_dump inside its container.
# Prints the backup file's path.
set -euo pipefail

backup_dir=${MAESTRO_BACKUP_DIR:-./backups}
keep=${MAESTRO_BACKUP_KEEP:-14}
case $keep in ''|*[!0-9]*) echo "backup: MAESTRO_BACKUP_KEEP must be a whole number (got '$keep')" >&2; exit 2 ;; esac

mkdir -p "$backup_dir"
chmod 700 "$backup_dir"
file="$backup_dir/maestro-$(date -u +%Y%m%dT%H%M%SZ).dump"
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$tmp"
else
  project=${MAESTRO_COMPOSE_PROJECT:-maestro}
  env_args=()
  if [ -n "${MAESTRO_ENV_FILE:-}" ]; then env_args=(--env-file "$MAESTRO_ENV_FILE"); fi
  # shellcheck disable=SC2016 # expanded inside the container
  docker compose --project-name "$project" "${env_args[@]}" exec -T db \
    sh -c 'pg_dump --format=custom --no-owner -U "$POSTGRES_USER" "$POSTGRES_DB"' >"$tmp"
fi
# A dump that pg_restore cannot list is no backup.
pg_restore --list "$tmp" >/dev/null
mv "$tmp" "$file"
chmod 600 "$file"

# Retention: the newest $keep dumps stay.
find "$backup_dir" -maxdepth 1 -name 'maestro-*.dump' -type f | sort | head -n "-$keep" | while read -r old; do rm -f "$old"; done
echo "$file"
