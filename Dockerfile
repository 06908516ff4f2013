# syntax=docker/dockerfile:1
#
# Maestro: the server with its dashboard (target `server`, the default) and a
# remote runner (target `runner`). See docs/deployment.md.
#
#   docker build -t maestro .                      # server + dashboard
#   docker build --target runner -t maestro-runner .
#
# Expected size of `server`: ~730 MB uncompressed. node:20-bookworm-slim is
# ~200 MB; the release is ~530 MB, measured by tests/deploy: production
# node_modules 520 MB (Next.js with its platform SWC binary and sharp is most of
# it, then embedded PGlite's WASM build and node-pty's prebuilt binaries, plus
# two peers npm installs: typescript for tRPC, @playwright/test for Next) and
# ~7 MB of built output. No compilers, dev dependencies or sources are shipped.
# `runner` adds git, openssh-client and tini (~60 MB) plus the agent CLIs you add.

ARG NODE_IMAGE=node:20.19-bookworm-slim
# The npm the lock file was written with (package.json's packageManager); the tests run it too.
ARG NPM_VERSION=11.19.1

# --- build: all dependencies, then the production build ---------------------
FROM ${NODE_IMAGE} AS build
ARG NPM_VERSION
RUN npm install -g "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
# Manifests first: the dependency layer is reused until one of them changes.
COPY package.json package-lock.json .npmrc ./
COPY apps/cli/package.json apps/cli/package.json
COPY apps/server/package.json apps/server/package.json
COPY apps/web/package.json apps/web/package.json
COPY packages/api/package.json packages/api/package.json
COPY packages/client/package.json packages/client/package.json
COPY packages/db/package.json packages/db/package.json
COPY packages/runner/package.json packages/runner/package.json
COPY packages/schemas/package.json packages/schemas/package.json
COPY packages/skills/package.json packages/skills/package.json
# The CLI's launcher is the workspace's bin: npm links it during install.
COPY apps/cli/bin apps/cli/bin
# postinstall patches postgres.js (a crash when PostgreSQL ends a connection mid-transaction).
COPY scripts/patch-postgres.mjs scripts/patch-postgres.mjs
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@maestro/server --filter=@maestro/runner --filter=@maestro/cli --filter=@maestro/web \
 && scripts/assemble-release.sh /release

# --- prod-deps: the release with production dependencies only ---------------
FROM ${NODE_IMAGE} AS prod-deps
ARG NPM_VERSION
RUN npm install -g "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app
COPY --from=build /release/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- server: what runs ------------------------------------------------------
FROM ${NODE_IMAGE} AS server
ARG MAESTRO_REVISION=unknown
LABEL org.opencontainers.image.revision="${MAESTRO_REVISION}" \
      org.opencontainers.image.title="maestro" \
      org.opencontainers.image.description="Maestro server and dashboard: run many AI coding agents without losing track" \
      org.opencontainers.image.documentation="docs/deployment.md"
ENV NODE_ENV=production \
    MAESTRO_ENV=production \
    HOST=0.0.0.0 \
    PORT=4800 \
    MAESTRO_DATA_DIR=/data \
    NEXT_TELEMETRY_DISABLED=1 \
    PATH=/app/node_modules/.bin:$PATH
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app ./
# The image's files belong to root and are read-only to the server's user; only /data is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4800
# The server stops on SIGTERM: it refuses new connections, asks WebSocket
# clients to reconnect, lets requests finish (MAESTRO_SHUTDOWN_GRACE_MS) and
# exits 0. Give `docker stop` a longer timeout than that grace.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4800)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations run at start, before the port opens.
CMD ["node", "apps/server/dist/main.js"]

# --- runner: a remote runner (agents run here) --------------------------------
# It connects out to the server (MAESTRO_API_URL, MAESTRO_TOKEN); nothing listens.
# Agents need git and their own CLIs. Extend this target to add them, e.g.:
#   FROM maestro-runner
#   USER root
#   RUN npm install -g @anthropic-ai/claude-code @openai/codex && npm cache clean --force
#   USER node
# (docs/deployment.md, "Remote runners").
FROM server AS runner
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends git openssh-client ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /home/node/.maestro/runner && chown -R node:node /home/node/.maestro
USER node
ENV MAESTRO_RUNNER_DIR=/home/node/.maestro/runner \
    MAESTRO_CLI_PATH=/app/apps/cli/bin/maestro.cjs
LABEL org.opencontainers.image.title="maestro-runner" \
      org.opencontainers.image.description="Maestro remote runner: runs agent sessions for a Maestro server"
# The runner has no HTTP endpoint; the server sees it through its heartbeats.
HEALTHCHECK NONE
# tini reaps the agents' orphaned children and forwards SIGTERM: the runner
# stops its agents (SIGTERM, then SIGKILL after 5 s) and reports their exits.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "packages/runner/dist/main.js"]
