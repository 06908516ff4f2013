#!/usr/bin/env bash
# Shared by scripts/deploy-staging.sh and scripts/deploy-production.sh (one
# compose project per environment on this host). Steps:
#   1. build the server image, tagged with the commit
#   2. back up the database (the restore point if a migration goes wrong)
#   3. remember the running image, then start the new one: the server applies
#      pending migrations at start, before its port opens
#   4. wait for /health
#   5. on failure, start the previous image again and wait for /health
# --dry-run prints every step (commands prefixed with "+") and runs none.
# See docs/deployment.md ("Deploy scripts").
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/deploy-<environment>.sh [--dry-run] [--env-file FILE] [--timeout SECONDS]
  --dry-run          print every step without running it
  --env-file FILE    compose variables (default: .env.<environment>)
  --timeout SECONDS  how long to wait for /health (default: 180)
USAGE
}

deploy_main() {
  local environment=$1
  shift
  local dry_run=false env_file=".env.$environment" timeout=180
  while [ $# -gt 0 ]; do
    case $1 in
      --dry-run) dry_run=true ;;
      --env-file) env_file=${2:?--env-file needs a file}; shift ;;
      --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
      -h|--help) usage; return 0 ;;
      *) echo "deploy: unknown option $1" >&2; usage >&2; return 2 ;;
    esac
    shift
  done

  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  if [ "$dry_run" = false ] && [ ! -f "$env_file" ]; then
    echo "deploy: $env_file not found; copy .env.example to it and fill it in" >&2
    return 2
  fi

  local project="maestro-$environment"
  local revision
  revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  local image="maestro:$environment-$revision"
  local port
  port=$(env_value "$env_file" MAESTRO_PORT 4800)
  local health_url="http://127.0.0.1:$port/health"
  local compose=(docker compose --project-name "$project" --env-file "$env_file")

  step "1/5 build $image"
  run docker build --target server --build-arg "MAESTRO_REVISION=$revision" --tag "$image" .

  step "2/5 back up the database before migrating"
  run "${compose[@]}" up -d --wait db
  run env MAESTRO_COMPOSE_PROJECT="$project" MAESTRO_ENV_FILE="$env_file" scripts/backup.sh

  step "3/5 start $image (migrations run at start)"
  local previous=""
  if [ "$dry_run" = true ]; then
    printf '+ %s\n' "${compose[*]} images --format json server   # the running image, kept for rollback"
  else
    previous=$("${compose[@]}" images --format json server 2>/dev/null | image_of_json || true)
  fi
  echo "previous image: ${previous:-none}"
  run env MAESTRO_IMAGE="$image" "${compose[@]}" up -d --no-build server

  step "4/5 wait for $health_url (up to ${timeout}s)"
  if [ "$dry_run" = true ]; then
    printf '+ %s\n' "wait_healthy $health_url $timeout"
    step "5/5 if not healthy: roll back to the previous image"
    printf '+ %s\n' "${compose[*]} logs --tail 100 server" "env MAESTRO_IMAGE=<previous> ${compose[*]} up -d --no-build server" \
      "wait_healthy $health_url $timeout"
    return 0
  fi
  if wait_healthy "$health_url" "$timeout"; then
    step "5/5 deployed $image to $environment"
    return 0
  fi

  step "5/5 $image is not healthy: rolling back to ${previous:-nothing}"
  run "${compose[@]}" logs --tail 100 server || true
  if [ -z "$previous" ]; then
    echo "deploy: no previous image to roll back to; the service is down" >&2
    return 1
  fi
  run env MAESTRO_IMAGE="$previous" "${compose[@]}" up -d --no-build server
  if wait_healthy "$health_url" "$timeout"; then
    echo "deploy: rolled back to $previous. If the new image migrated the database, restore the backup taken in step 2 (docs/deployment.md, Rollback)." >&2
  else
    echo "deploy: the rollback to $previous is not healthy either" >&2
  fi
  return 1
}

step() { printf '\n==> %s\n' "$*"; }

# Prints the command; runs it unless --dry-run.
run() {
  printf '+ %s\n' "$*"
  if [ "$dry_run" = true ]; then return 0; fi
  "$@"
}

# A variable from the env file, or a default.
env_value() {
  local value=""
  if [ -f "$1" ]; then value=$(sed -n "s/^$2=//p" "$1" | tail -n 1); fi
  echo "${value:-$3}"
}

# The image name of the running service, from `docker compose images --format json`.
image_of_json() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=[].concat(JSON.parse(s||"[]"));const i=a[0];if(i)console.log(i.Repository+":"+i.Tag)})'
}

wait_healthy() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS --max-time 5 "$url" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 2
  done
}
