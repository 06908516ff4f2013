#!/usr/bin/env bash
# Deploys this checkout to staging (compose project maestro-staging, .env.staging).
# Usage: scripts/deploy-staging.sh [--dry-run] [--env-file FILE] [--timeout SECONDS]
set -euo pipefail
# shellcheck source=scripts/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/deploy.sh"
deploy_main staging "$@"
