#!/usr/bin/env bash
# End-to-end test of the Docker image on a real Docker engine that this script starts itself.
#
#   scripts/docker-e2e.sh            (as root; CI runs it after the test suite)
#
# 1. installs docker.io, debootstrap and iptables if missing (apt-get);
# 2. starts its own dockerd (own data root, exec root, pidfile and socket), and stops it, by its
#    PID, on exit (success or failure);
# 3. builds a local base image local/python:bookworm with debootstrap (this machine reaches no
#    container registry), with this machine's extra CA certificates; kept between runs;
# 4. builds the image (legacy builder) with pip pointed at PyPI the way this machine reaches it;
# 5. runs `cleaner batch` in a container with --network none on a mounted folder of the seeds
#    as JSONL and checks every clean_text against its gold body;
# 6. runs the service on a published port, waits for the HEALTHCHECK to report healthy, checks
#    /healthz and POST /v1/clean from the host, then stops it and checks it shut down cleanly.
#
# Exit status: 0 passed, or SKIPPED (only when the engine itself cannot be started here, e.g.
# not root); anything failing once the engine is up exits non-zero.
#
# Environment:
#   CLEANER_DOCKER_CACHE  folder kept between runs: docker data root, debootstrap's .debs
#                         (default ${XDG_CACHE_HOME:-~/.cache}/cleaner-docker-e2e)
#   CLEANER_DOCKER_BASE   an existing base image to build on instead of local/python:bookworm
#   DEBIAN_MIRROR         mirror for debootstrap (default: the one this machine's apt names)
set -euo pipefail

SECONDS=0
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HELPERS="$ROOT/scripts/docker"
CACHE=${CLEANER_DOCKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cleaner-docker-e2e}
BASE_IMAGE=${CLEANER_DOCKER_BASE:-local/python:bookworm}
IMAGE=cleaner:e2e
BATCH_CONTAINER=cleaner-e2e-batch-$$
SERVICE_CONTAINER=cleaner-e2e-service-$$
export DOCKER_BUILDKIT=0

log() { printf '[docker-e2e %3ds] %s\n' "$SECONDS" "$*"; }
fail() { printf '\n[docker-e2e %3ds] FAILED: %s\n' "$SECONDS" "$*" >&2; exit 1; }
skip() {
  printf '\n%s\n!!! SKIPPED docker e2e: %s\n%s\n\n' \
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' "$*" \
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2
  SKIPPED=1
  exit 0
}
SKIPPED=

# --- 1. the engine's packages -----------------------------------------------------------------
[ "$(id -u)" = 0 ] || skip "needs root to install packages and start dockerd (uid $(id -u))"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v iptables >/dev/null || missing+=(iptables)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  command -v apt-get >/dev/null || skip "no apt-get to install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } ||
    skip "could not install ${missing[*]}"
fi
# The client that comes with the engine, if there is one (any client works: API negotiation).
DOCKER_CLI=$(command -v /usr/bin/docker docker | head -n1)

# --- 2. our own dockerd -----------------------------------------------------------------------
mkdir -p "$CACHE"
# One run at a time on this machine: two daemons would fight over the docker0 bridge and iptables.
LOCK=/tmp/cleaner-docker-e2e.lock
exec 9>"$LOCK"
flock -w 600 9 || fail "another docker-e2e run holds $LOCK for over 10 minutes"
RUN_DIR=$(mktemp -d /tmp/cleaner-docker-e2e.XXXXXX)
SOCKET="$RUN_DIR/docker.sock"
DOCKERD_PID=
docker() { "$DOCKER_CLI" -H "unix://$SOCKET" "$@"; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    if [ "$status" != 0 ] && docker inspect "$SERVICE_CONTAINER" >/dev/null 2>&1; then
      echo "--- service container log (last 30 lines) ---" >&2
      docker logs --tail 30 "$SERVICE_CONTAINER" >&2 2>&1 || true
    fi
    docker rm -f "$BATCH_CONTAINER" "$SERVICE_CONTAINER" >/dev/null 2>&1 || true
    local containerd_pid
    containerd_pid=$(cat "$RUN_DIR/exec/containerd/containerd.pid" 2>/dev/null || true)
    kill -TERM "$DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$DOCKERD_PID" 2>/dev/null; then
      echo "[docker-e2e] dockerd $DOCKERD_PID did not stop in 30 s; killing it" >&2
      kill -KILL "$DOCKERD_PID" 2>/dev/null || true
    fi
    # dockerd stops the containerd it started; make sure of it, by that PID only.
    if [ -n "$containerd_pid" ] && kill -0 "$containerd_pid" 2>/dev/null; then
      sleep 2
      kill -TERM "$containerd_pid" 2>/dev/null || true
    fi
    wait "$DOCKERD_PID" 2>/dev/null || true
    log "dockerd $DOCKERD_PID stopped"
  fi
  if [ "$status" != 0 ] && [ -s "$RUN_DIR/dockerd.log" ]; then
    echo "--- dockerd log (last 15 lines): $RUN_DIR/dockerd.log ---" >&2
    tail -n 15 "$RUN_DIR/dockerd.log" >&2
  fi
  if [ "$status" = 0 ] && [ -z "$SKIPPED" ]; then rm -rf "$RUN_DIR"; fi
  local outcome=passed
  [ -z "$SKIPPED" ] || outcome="SKIPPED, files kept in $RUN_DIR"
  [ "$status" = 0 ] || outcome="FAILED, status $status, files kept in $RUN_DIR"
  log "total $SECONDS s ($outcome)"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "[docker-e2e] FAILED: the command at line $LINENO exited with status $?" >&2' ERR
trap 'exit 130' INT TERM

log "starting dockerd (data root $CACHE/data, socket $SOCKET)"
dockerd --data-root "$CACHE/data" --exec-root "$RUN_DIR/exec" --pidfile "$RUN_DIR/docker.pid" \
  -H "unix://$SOCKET" >"$RUN_DIR/dockerd.log" 2>&1 &
DOCKERD_PID=$!
for _ in $(seq 1 60); do
  docker version >/dev/null 2>&1 && break
  kill -0 "$DOCKERD_PID" 2>/dev/null || break
  sleep 0.5
done
if ! docker version >/dev/null 2>&1; then
  reason=$(grep -iE 'level=(fatal|error)' "$RUN_DIR/dockerd.log" | tail -n 1 | cut -c1-300)
  kill -0 "$DOCKERD_PID" 2>/dev/null || DOCKERD_PID=
  skip "dockerd did not start: ${reason:-see $RUN_DIR/dockerd.log}"
fi
log "dockerd $DOCKERD_PID is up ($(docker version --format '{{.Server.Version}}'))"
# From here on every failure is a real failure.

# --- 3. the base image ------------------------------------------------------------------------
extra_certs=(/usr/local/share/ca-certificates/*.crt)
[ -e "${extra_certs[0]}" ] || extra_certs=()
certs_sum=$(cat /dev/null "${extra_certs[@]}" | sha256sum | cut -c1-16)
if [ -z "${CLEANER_DOCKER_BASE:-}" ] &&
   [ "$(docker image inspect --format '{{index .Config.Labels "cleaner.certs"}}' "$BASE_IMAGE" 2>/dev/null)" != "$certs_sum" ]; then
  mirror=${DEBIAN_MIRROR:-$(sed -nE 's/^(deb|URIs:)[[:space:]]+(\[[^]]*\][[:space:]]+)?(https?:\/\/[^[:space:]]*\/debian)\/?([[:space:]].*)?$/\3/p' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 || true)}
  mirror=${mirror:-http://deb.debian.org/debian}
  log "building $BASE_IMAGE with debootstrap from $mirror (once; cached in $CACHE)"
  rootfs="$RUN_DIR/rootfs"
  mkdir -p "$CACHE/debs"
  debootstrap --variant=minbase --cache-dir="$CACHE/debs" \
      --include=python3,python3-pip,python3-venv,ca-certificates bookworm "$rootfs" "$mirror" \
      >"$RUN_DIR/debootstrap.log" 2>&1 || { tail -n 20 "$RUN_DIR/debootstrap.log" >&2; fail "debootstrap failed"; }
  if [ ${#extra_certs[@]} -gt 0 ]; then
    cp "${extra_certs[@]}" "$rootfs/usr/local/share/ca-certificates/"
    chroot "$rootfs" update-ca-certificates >"$RUN_DIR/update-ca-certificates.log" 2>&1 || fail "update-ca-certificates in the chroot failed"
  fi
  rm -f "$rootfs"/usr/lib/python3*/EXTERNALLY-MANAGED
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  tar -C "$rootfs" -c . | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
      --change "LABEL cleaner.certs=$certs_sum" - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "base image $BASE_IMAGE built"
else
  log "base image $BASE_IMAGE: $([ -n "${CLEANER_DOCKER_BASE:-}" ] && echo 'given (CLEANER_DOCKER_BASE)' || echo cached)"
fi

# --- 4. the image -----------------------------------------------------------------------------
# pip in the build reaches PyPI as this machine's pip does: its index settings (http(s) only:
# local file:// indexes do not exist in the build) and, where this machine has extra CAs (now in
# the base image's bundle), that bundle. Derived here, never committed.
pip_config=$(python3 -m pip config list 2>/dev/null || true)
pip_setting() { # $1: pip config key -> its value in this machine's pip config or environment
  printf '%s\n' "$pip_config" | sed -nE "s/^[a-z:]+\.$1='(.*)'$/\1/p" | tail -n1 || true
}
web_urls() { printf '%s\n' $1 | grep -E '^https?://' | paste -sd' ' - || true; }
build_args=(--build-arg "BASE=$BASE_IMAGE")
index_url=$(web_urls "${PIP_INDEX_URL:-$(pip_setting index-url)}")
extra_index_urls=$(web_urls "${PIP_EXTRA_INDEX_URL:-$(pip_setting extra-index-url)}")
trusted_hosts=${PIP_TRUSTED_HOST:-$(pip_setting trusted-host)}
[ -z "$index_url" ] || build_args+=(--build-arg "PIP_INDEX_URL=$index_url")
[ -z "$extra_index_urls" ] || build_args+=(--build-arg "PIP_EXTRA_INDEX_URL=$extra_index_urls")
[ -z "$trusted_hosts" ] || build_args+=(--build-arg "PIP_TRUSTED_HOST=$trusted_hosts")
if [ ${#extra_certs[@]} -gt 0 ] && [ -z "${CLEANER_DOCKER_BASE:-}" ]; then
  build_args+=(--build-arg PIP_CERT=/etc/ssl/certs/ca-certificates.crt)
fi
log "building $IMAGE (docker build ${build_args[*]} $ROOT)"
build_start=$SECONDS
docker build --tag "$IMAGE" "${build_args[@]}" "$ROOT" >"$RUN_DIR/build.log" 2>&1 ||
  { tail -n 40 "$RUN_DIR/build.log" >&2; fail "docker build failed (log: $RUN_DIR/build.log)"; }
grep -h '^check_wheel:' "$RUN_DIR/build.log" | sed 's/^/    /' || log "wheel check: cached (passed on an earlier build of the same sources)"
log "image built in $((SECONDS - build_start)) s ($(grep -c 'Using cache' "$RUN_DIR/build.log" || true) steps from the cache): $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

# The image's contract: non-root user, health check, default command.
config=$(docker image inspect --format '{{.Config.User}}|{{json .Config.Cmd}}|{{json .Config.Healthcheck.Test}}' "$IMAGE")
IFS='|' read -r user cmd healthcheck <<<"$config"
[ -n "$user" ] && [ "$user" != root ] && [ "$user" != 0 ] || fail "image runs as root (User '$user')"
[ "$cmd" = '["cleaner","serve","--bind","0.0.0.0:8000"]' ] || fail "default command is $cmd"
[ "$healthcheck" != null ] || fail "image has no HEALTHCHECK"
uid=$(docker run --rm --network none "$IMAGE" id -u)
[ "$uid" != 0 ] || fail "container runs as uid 0"
log "image runs as $user (uid $uid), command $cmd"

# --- 5. batch cleaning of a mounted folder, no network ------------------------------------------
data="$RUN_DIR/data"
mkdir -p "$data"
chmod 0777 "$data"  # the container's user (uid $uid) writes the output here
python3 "$HELPERS/e2e_check.py" make-input "$ROOT/seeds" "$data/in.jsonl" | sed 's/^/    /'
batch_start=$SECONDS
docker run --name "$BATCH_CONTAINER" --network none -v "$data:/data" "$IMAGE" \
    cleaner batch /data/in.jsonl -o /data/out.jsonl >"$RUN_DIR/batch.log" 2>&1 ||
  { cat "$RUN_DIR/batch.log" >&2; fail "cleaner batch in the container failed"; }
docker rm "$BATCH_CONTAINER" >/dev/null
sed 's/^/    /' "$RUN_DIR/batch.log"
python3 "$HELPERS/e2e_check.py" check-batch "$ROOT/seeds" "$data/out.jsonl" | sed 's/^/    /' ||
  fail "batch output is wrong"
log "batch in a container (--network none) checked in $((SECONDS - batch_start)) s"

# --- 6. the service on a published port ---------------------------------------------------------
service_start=$SECONDS
docker run -d --name "$SERVICE_CONTAINER" -p 127.0.0.1::8000 "$IMAGE" >/dev/null
port=$(docker port "$SERVICE_CONTAINER" 8000/tcp | head -n1 | sed 's/.*://')
[ -n "$port" ] || fail "no published port for 8000/tcp"
health=starting
for _ in $(seq 1 90); do
  health=$(docker inspect --format '{{.State.Health.Status}}' "$SERVICE_CONTAINER")
  [ "$health" = starting ] || break
  [ "$(docker inspect --format '{{.State.Running}}' "$SERVICE_CONTAINER")" = true ] || fail "the service container exited"
  sleep 1
done
[ "$health" = healthy ] || fail "HEALTHCHECK says '$health' after $((SECONDS - service_start)) s"
log "service healthy (HEALTHCHECK) on 127.0.0.1:$port after $((SECONDS - service_start)) s"
python3 "$HELPERS/e2e_check.py" check-service "http://127.0.0.1:$port" "$ROOT/seeds" | sed 's/^/    /' ||
  fail "the service answered wrongly"
docker stop --time 20 "$SERVICE_CONTAINER" >/dev/null
exit_code=$(docker inspect --format '{{.State.ExitCode}}' "$SERVICE_CONTAINER")
[ "$exit_code" = 0 ] || fail "the service exited with $exit_code on SIGTERM (not a graceful shutdown)"
docker logs "$SERVICE_CONTAINER" 2>&1 | grep -iE 'shutting down|handling signal' | head -n 2 | sed 's/^/    /' || true
docker rm "$SERVICE_CONTAINER" >/dev/null
log "service checked and shut down gracefully (exit 0 on SIGTERM) in $((SECONDS - service_start)) s"
log "docker e2e PASSED"
