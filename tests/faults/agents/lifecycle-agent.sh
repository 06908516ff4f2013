#!/usr/bin/env bash
# A scripted agent for tests/faults/src/agents.test.ts: it drives the real
# `maestro` CLI (MAESTRO_CLI) until nothing is ready: claim the next task, then
# either block it, or describe it, add and finish a subtask and complete it.
# The ready queue holds subtasks too: a claimed subtask (another agent's step)
# is finished, and a conflict (exit 5: its maker finished it first, or the
# other way round) is an answer an agent acts on, not a failure.
# Environment: MAESTRO_API_URL, MAESTRO_TOKEN, MAESTRO_PROJECT_ID, AGENT (its name), MAESTRO_CLI.
set -euo pipefail
: "${AGENT:?}" "${MAESTRO_CLI:?}"

# A failed command's JSON answer (its error code and hint) is repeated on stderr, where the test shows it.
m() {
  local out code=0
  out=$(node "$MAESTRO_CLI" "$@" --json </dev/null) || code=$?
  [ "$code" = 0 ] || [ "$code" = 2 ] || echo "$AGENT: maestro $* → exit $code: $out" >&2
  printf '%s\n' "$out"
  return "$code"
}
done_or_conflict() {
  local code=0
  m "$@" >/dev/null || code=$?
  [ "$code" = 0 ] || [ "$code" = 5 ] || { echo "$AGENT: maestro $* → exit $code" >&2; return 1; }
}
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
  if [ "$(field parentId <<<"$claimed")" != null ]; then
    done_or_conflict subtask complete "$id"
    continue
  fi
  if [ $(( (${#AGENT} + n) % 4 )) = 0 ]; then
    m task block "$id" --reason "$AGENT is stuck on $id" >/dev/null
  else
    m task update "$id" --desc "worked on by $AGENT" >/dev/null
    sub=$(m subtask create "$id" "step by $AGENT" | field id)
    done_or_conflict subtask complete "$sub"
    m task complete "$id" >/dev/null
  fi
done
echo "$AGENT done after $n tasks"
