#!/usr/bin/env bash
# Stops the servers start.sh DIR started. Stopped processes can linger as zombies here, so "gone" means the
# process is absent or in state Z, not that kill -0 fails.
set -uo pipefail

dir="${1:?usage: stop.sh DIR}"
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $state && $state != Z* ]]
}

wait_gone() {
  for _ in $(seq 1 100); do
    alive "$1" || return 0
    sleep 0.05
  done
  kill -9 "$1" 2>/dev/null || true
}

if [[ -f $dir/smtp.pid ]]; then
  pid=$(cat "$dir/smtp.pid")
  if alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    wait_gone "$pid"
  fi
  rm -f "$dir/smtp.pid"
fi

if [[ -f $dir/dovecot.conf ]]; then
  # SIGTERM to the master, rather than "dovecot stop", which waits seconds on its exited children.
  master=$(cat "$dir/dovecot/base/master.pid" 2>/dev/null || true)
  if [[ -n $master ]] && alive "$master"; then
    kill "$master" 2>/dev/null || true
    wait_gone "$master"
  fi
fi
rm -f "$dir/env"
