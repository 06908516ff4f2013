#!/usr/bin/env bash
# A scripted agent for tests/faults/src/agents.test.ts: it drives the real
# `maestro` CLI (MAESTRO_CLI) until nothing is ready: claim the next task, then
# either block it, or describe it, add and finish a subtask and complete it.
# Environment: MAESTRO_API_URL, MAESTRO_TOKEN, MAESTRO_PROJECT_ID, AGENT (its name), MAESTRO_CLI.
set -euo pipefail
: "${AGENT:?}" "${MAESTRO_CLI:?}"

m() { node "$MAESTRO_CLI" "$@" --json </dev/null; }
field() { node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(String(d.data[process.argv[1]]));' "$1"; }

n=0
while :; do
  # Exit 2 (NOTHING_READY) ends the loop; any other failure fails the agent.
  set +e
  claimed=$(m task claim --next --as "$AGENT")
  code=$?
  set -e
  [ "$code" = 2 ] && break
  [ "$code" = 0 ] || { echo "$AGENT: claim failed ($code): $claimed" >&2; exit 1; }
  id=$(field id <<<"$claimed")
  n=$((n + 1))
  if [ $(( (${#AGENT} + n) % 4 )) = 0 ]; then
    m task block "$id" --reason "$AGENT is stuck on $id" >/dev/null
  else
    m task update "$id" --desc "worked on by $AGENT" >/dev/null
    sub=$(m subtask create "$id" "step by $AGENT" | field id)
    m subtask complete "$sub" >/dev/null
    m task complete "$id" >/dev/null
  fi
done
echo "$AGENT done after $n tasks"
