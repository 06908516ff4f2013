#!/usr/bin/env bash
# Deploys this checkout to production (compose project maestro-production, .env.production).
# Usage: scripts/deploy-production.sh [--dry-run] [--env-file FILE] [--timeout SECONDS]
set -euo pipefail
# shellcheck source=scripts/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/deploy.sh"
deploy_main production "$@"
