#!/usr/bin/env bash
# A worker with no intelligence: it runs only the commands skill.md (beside this
# file) tells a worker to run, in the skill's order, and reads their --json
# output with node. tests/e2e/src/skills/scripted-worker.test.ts runs it against
# a real server to prove the skill's loop completes a task with subtasks.
#
# Environment: what a spawned session gets (MAESTRO_API_URL, MAESTRO_TOKEN,
# MAESTRO_PROJECT_ID, MAESTRO_SESSION_ID, MAESTRO_TASK_IDS, ...), plus
#   WORK_LOG      file that "doing" a subtask appends its id to (the stand-in for real work)
#   BLOCK_REASON  when set, the first open subtask of each task hits this blocker
# The JavaScript below is single-quoted on purpose: its ${...} are JS template literals.
# shellcheck disable=SC2016
set -euo pipefail

: "${MAESTRO_TASK_IDS:?not in a session}" "${MAESTRO_SESSION_ID:?not in a session}"
WORK_LOG=${WORK_LOG:-/dev/null}

# `maestro <args> --json`; prints the document, fails unless it says success.
m() {
  local out
  if ! out=$(maestro "$@" --json </dev/null); then
    printf 'maestro %s failed: %s\n' "$*" "$out" >&2
    return 1
  fi
  printf '%s' "$out"
}

# Evaluates a JavaScript expression over the JSON document on stdin, bound to `d`.
json() {
  node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
const v = new Function("d", `return (${process.argv[1]});`)(d);
process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));' "$1"
}

# 1. whoami
who=$(m whoami)
case "$who" in *"$MAESTRO_SESSION_ID"*) ;; *) echo "whoami does not name $MAESTRO_SESSION_ID: $who" >&2; exit 1 ;; esac

IFS=',' read -ra tasks <<<"$MAESTRO_TASK_IDS"
for id in "${tasks[@]}"; do
  # 2. read the task
  task=$(m task get "$id")
  open_deps=$(json 'd.data.dependencies.filter((t) => t.status !== "completed").map((t) => t.id).join(", ")' <<<"$task")
  if [ -n "$open_deps" ]; then
    # 5. blocked by an open dependency
    m task block "$id" --reason "waits for $open_deps" >/dev/null
    echo "blocked $id: waits for $open_deps"
    continue
  fi

  # 3. start, unless already in progress
  if [ "$(json 'd.data.status' <<<"$task")" != in_progress ]; then
    m task start "$id" >/dev/null
  fi

  # 4. subtasks in order, each completed as soon as it is done; completed ones skipped
  blocked=false
  while read -r sub status; do
    [ -n "$sub" ] || continue
    [ "$status" = completed ] && continue
    if [ -n "${BLOCK_REASON:-}" ]; then
      # 5. blocked: say what is needed, stop work on this task
      m task block "$id" --reason "$BLOCK_REASON" >/dev/null
      echo "blocked $id: $BLOCK_REASON"
      blocked=true
      break
    fi
    echo "$sub" >>"$WORK_LOG"
    m subtask complete "$sub" >/dev/null
  done < <(json 'd.data.subtasks.map((s) => `${s.id} ${s.status}\n`).join("")' <<<"$task")
  [ "$blocked" = true ] && continue

  # 6. verify: every subtask completed
  open=$(m task get "$id" | json 'd.data.subtasks.filter((s) => s.status !== "completed").length')
  if [ "$open" != 0 ]; then
    echo "$id still has $open open subtask(s)" >&2
    exit 1
  fi

  # 7. complete
  m task complete "$id" >/dev/null
  echo "completed $id"
done
