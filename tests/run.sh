#!/usr/bin/env bash
# Builds the solution, runs every test project and ends with one line CI reads:
#   tests: N passed, N failed, N skipped
# The exit code is non-zero when a test failed, nothing passed, dotnet test failed or no results were written.
# TESTS_FILTER (optional) is passed to `dotnet test --filter` for local runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

summary() {
  echo "tests: $1 passed, $2 failed, $3 skipped"
}

# --- System packages the tests drive: only what is missing -------------------------------------------------------
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v dovecot >/dev/null 2>&1 || [[ -x /usr/sbin/dovecot ]] || missing+=(dovecot-imapd)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# Support hours and contract terms are in the customers' and plans' time zones (IANA ids).
[[ -f /usr/share/zoneinfo/Europe/London ]] || missing+=(tzdata)

if ((${#missing[@]} > 0)); then
  echo "Installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Not root and no sudo: cannot install ${missing[*]}" >&2
      summary 0 0 0
      exit 1
    fi
  fi
  if ! "${sudo[@]}" apt-get update -qq \
    || ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "Could not install ${missing[*]}" >&2
    summary 0 0 0
    exit 1
  fi
  if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then
    # The tests start their own dovecot instances; the packaged service would hold the ports.
    "${sudo[@]}" systemctl stop dovecot >/dev/null 2>&1 || "${sudo[@]}" service dovecot stop >/dev/null 2>&1 || true
  fi
fi

# --- Build once --------------------------------------------------------------------------------------------------
if ! dotnet restore HelpDesk.sln -v minimal --nologo \
  || ! dotnet build HelpDesk.sln -c Release --no-restore -v minimal --nologo; then
  echo "Build failed" >&2
  summary 0 0 0
  exit 1
fi

# --- Mail servers the tests read and write: a private dovecot and an SMTP sink on loopback -----------------------
mail_servers="$(mktemp -d)"
stop_mail_servers() {
  "$root/tests/mail-servers/stop.sh" "$mail_servers" >/dev/null 2>&1 || true
  rm -rf "$mail_servers"
}
trap stop_mail_servers EXIT
if ! "$root/tests/mail-servers/start.sh" "$mail_servers"; then
  echo "Could not start the test mail servers" >&2
  summary 0 0 0
  exit 1
fi
set -a
# shellcheck disable=SC1091
source "$mail_servers/env"
set +a

# --- Test --------------------------------------------------------------------------------------------------------
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

filter=()
if [[ -n ${TESTS_FILTER:-} ]]; then
  filter=(--filter "$TESTS_FILTER")
fi

# LogFilePrefix, not LogFileName: with a fixed name every test project would overwrite the same file.
test_exit=0
dotnet test HelpDesk.sln -c Release --no-build --nologo -v minimal \
  --logger "trx;LogFilePrefix=helpdesk" \
  --results-directory "$results" \
  --blame-hang-timeout 10m \
  "${filter[@]}" || test_exit=$?

# --- Sum the TRX files -------------------------------------------------------------------------------------------
python=/usr/bin/python3
[[ -x $python ]] || python=python3

# The TRX logger writes only total, executed, passed and failed; a skipped test counts in total but not in executed
# (its <UnitTestResult> says outcome="NotExecuted", the notExecuted counter stays 0).
counts=$("$python" - "$results" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

files = passed = failed = skipped = 0
for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    counters = next((e for e in ET.parse(trx).iter() if e.tag.endswith("}Counters") or e.tag == "Counters"), None)
    if counters is None:
        continue
    count = lambda name: int(counters.get(name, 0))
    files += 1
    passed += count("passed")
    failed += count("failed") + count("error") + count("timeout") + count("aborted")
    skipped += count("total") - count("executed")
print(files, passed, failed, skipped)
PY
) || counts="0 0 0 0"
read -r trx_files passed failed skipped <<<"$counts"

status=0
if ((test_exit != 0)); then
  echo "dotnet test exited with $test_exit" >&2
  status=1
fi
if ((trx_files == 0)); then
  echo "No TRX results were written to $results" >&2
  status=1
fi
if ((failed > 0 || passed == 0)); then
  status=1
fi

summary "$passed" "$failed" "$skipped"
exit "$status"
