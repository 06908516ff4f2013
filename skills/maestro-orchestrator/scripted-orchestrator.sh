#!/usr/bin/env bash
# An orchestrator with no intelligence, for end-to-end tests: it follows the
# orchestrator skill's loop with fixed choices. It splits its task into three
# subtasks, spawns one worker per ready subtask running WORKER_COMMAND, waits
# for all of them, then completes its task.
# Environment: what a spawned session gets, plus WORKER_COMMAND (the workers' command line).
# shellcheck disable=SC2016
set -euo pipefail
: "${MAESTRO_TASK_IDS:?not in a session}" "${WORKER_COMMAND:?set WORKER_COMMAND}"
parent=${MAESTRO_TASK_IDS%%,*}

m() { maestro "$@" --json </dev/null; }
json() {
  node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
const v = new Function("d", `return (${process.argv[1]});`)(d);
process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));' "$1"
}

# 1. read the goal
m status >/dev/null
m task get "$parent" >/dev/null

# 3. decompose
for part in one two three; do
  m subtask create "$parent" "Part $part" --desc "Do part $part; done when it is marked completed" >/dev/null
done

# 4. one worker per ready subtask
ready=$(m task list --parent "$parent" --ready | json 'd.data.items.map((t) => t.id).join(" ")')
for sub in $ready; do
  m session spawn --task "$sub" --skill maestro-worker --agent custom --command "$WORKER_COMMAND" >/dev/null
done

# 5. follow until every subtask is completed (bounded)
for _ in $(seq 1 600); do
  open=$(m task list --parent "$parent" | json 'd.data.items.filter((t) => t.status !== "completed").length')
  [ "$open" = 0 ] && break
  sleep 0.2
done

# 9. complete the parent
m task complete "$parent" >/dev/null
echo "orchestrated $parent"
