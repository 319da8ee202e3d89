#!/usr/bin/env bash
# Starts a private dovecot (IMAP) and an aiosmtpd sink (SMTP) on free loopback ports, for the tests.
#   start.sh DIR   writes DIR/env (HELPDESK_TEST_IMAP_HOST, HELPDESK_TEST_IMAP_PORT, HELPDESK_TEST_SMTP_PORT,
#                  HELPDESK_TEST_SMTP_DIR) once both answer; stop.sh DIR stops them.
# Users support@, customer@, other@ and bench@example.test, password "secret".
set -euo pipefail

dir="${1:?usage: start.sh DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python=/usr/bin/python3
dovecot=$(command -v dovecot || echo /usr/sbin/dovecot)

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
# dovecot's auth process runs unprivileged and must read the users file.
chmod 755 "$dir"

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until the server's first line starts with the expected text ("* OK" for IMAP).
wait_greeting() {
  local port=$1 expected=$2
  "$python" - "$port" "$expected" <<'PY'
import socket, sys, time
port, expected = int(sys.argv[1]), sys.argv[2].encode()
deadline = time.time() + 10
while time.time() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            if s.recv(256).startswith(expected):
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.05)
sys.exit(1)
PY
}

# --- IMAP ---------------------------------------------------------------------------------------------------------
mkdir -p "$dir/dovecot/base" "$dir/dovecot/state"
install -d -o nobody -g nogroup "$dir/mail"
: >"$dir/users"
for user in support customer other bench; do
  echo "$user@example.test:{PLAIN}secret" >>"$dir/users"
done
chmod 644 "$dir/users"

imap_port=""
for _ in 1 2 3; do
  port=$(free_port)
  cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/dovecot/base
state_dir = $dir/dovecot/state
instance_name = helpdesk-test-$port
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: no delay after a failure, and no growing penalty for the address (the
# auth process cannot reach anvil's penalty socket, so it keeps none).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
log_path = $dir/dovecot.log
mail_location = maildir:$dir/mail/%u
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 0
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
  if "$dovecot" -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.out" 2>&1 && wait_greeting "$port" "* OK"; then
    imap_port=$port
    break
  fi
  "$dovecot" -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
done
if [[ -z $imap_port ]]; then
  echo "dovecot did not start; see $dir/dovecot.log" >&2
  exit 1
fi

# --- SMTP ---------------------------------------------------------------------------------------------------------
mkdir -p "$dir/smtp"
smtp_port=""
for _ in 1 2 3; do
  port=$(free_port)
  rm -f "$dir/smtp.out"
  "$python" "$here/smtp-sink.py" "$port" "$dir/smtp" </dev/null >"$dir/smtp.out" 2>&1 &
  echo $! >"$dir/smtp.pid"
  for _ in $(seq 1 100); do
    grep -q READY "$dir/smtp.out" 2>/dev/null && break
    kill -0 "$(cat "$dir/smtp.pid")" 2>/dev/null || break
    sleep 0.05
  done
  if grep -q READY "$dir/smtp.out" 2>/dev/null; then
    smtp_port=$port
    break
  fi
  kill "$(cat "$dir/smtp.pid")" 2>/dev/null || true
done
if [[ -z $smtp_port ]]; then
  echo "the SMTP sink did not start: $(cat "$dir/smtp.out")" >&2
  "$dovecot" -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
  exit 1
fi

cat >"$dir/env.tmp" <<ENV
HELPDESK_TEST_IMAP_HOST=127.0.0.1
HELPDESK_TEST_IMAP_PORT=$imap_port
HELPDESK_TEST_SMTP_PORT=$smtp_port
HELPDESK_TEST_SMTP_DIR=$dir/smtp
ENV
mv "$dir/env.tmp" "$dir/env"
