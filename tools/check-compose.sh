#!/usr/bin/env bash
# Validates the deployment files: every compose file under deploy/, alone or with the files it is used
# with (docs/deploy.md), through `docker compose config`, or `docker-compose config` where
# only Debian's docker-compose (v1) is installed, with deploy/.env.example as their .env; then checks
# that deploy/.env.example documents every setting the manager, the agent and `npm start` read.
# Usage: tools/check-compose.sh   (tools/dev-env.sh installs docker-compose)
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "check-compose: neither \`docker compose\` nor \`docker-compose\` is installed (tools/dev-env.sh installs docker-compose)" >&2
  exit 1
fi

failed=0
# The compose files pass ${STRATO_ENV_FILE:-.env} to the containers; deploy/.env is the operator's own.
export STRATO_ENV_FILE=.env.example
check() {
  local label="$1" output
  shift
  if output="$("${compose[@]}" --env-file deploy/.env.example "$@" config -q 2>&1)"; then
    echo "check-compose: $label is valid"
  else
    echo "check-compose: $label is INVALID:" >&2
    echo "$output" >&2
    failed=1
  fi
}
# Each file as docs/deploy.md combines them; an overlay (compose.private-ca.yml) only on the file it extends.
combinations=(
  "deploy/compose.control.yml"
  "deploy/compose.worker.yml"
  "deploy/compose.control.yml deploy/compose.worker.yml"
  "deploy/compose.worker.yml deploy/compose.private-ca.yml"
)
for combination in "${combinations[@]}"; do
  args=()
  for file in $combination; do args+=(-f "$file"); done
  check "${combination// / + }" "${args[@]}"
done
for file in deploy/compose*.yml; do
  if [[ " ${combinations[*]} " != *" $file "* ]]; then
    echo "check-compose: $file is in no checked combination: add it to tools/check-compose.sh" >&2
    failed=1
  fi
done

# Every STRATO_* name the configuration loaders and npm start read, as a quoted literal or `env.NAME`.
settings="$(
  {
    grep -ohE "['\"](STRATO|DOCKER)_[A-Z0-9_]+['\"]" \
      apps/manager/src/app/config/manager-config.ts apps/proxy/src/app/config/agent-config.ts
    grep -ohE "env\.STRATO_[A-Z0-9_]+" tools/start.mjs
  } | sed -E "s/^env\.//; s/['\"]//g" | sort -u
)"
missing=0
for setting in $settings; do
  if ! grep -qE "^(# )?$setting=" deploy/.env.example; then
    echo "check-compose: deploy/.env.example does not document $setting (add it, commented out with its default)" >&2
    missing=$((missing + 1))
  fi
done
if [[ $missing -eq 0 ]]; then
  echo "check-compose: deploy/.env.example documents all $(wc -w <<<"$settings") settings"
else
  failed=1
fi
exit $failed
