# 科服通 — the server and its built web app in one image (docs/OPERATIONS.md, "Docker").
#   docker build -t kefutong .
# NODE_IMAGE: any Debian-based Node image of a tested line (package.json "engines"); the user "node" (uid 1000)
# of the official images runs the server.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: all dependencies, then the web app into dist/web
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build-web-if-needed.mjs scripts/
# Scripts are skipped here because the sources are not copied yet (the postinstall would build without them);
# the web is built explicitly below, so this layer is reused while only the sources change.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY vite.config.ts tsconfig.json ./
COPY src/web src/web
RUN npm run build:web
# the server's own sources as one bundle (scripts/start.mjs): loads in half the time tsx takes
COPY scripts/start.mjs scripts/
COPY src/server src/server
RUN node scripts/start.mjs --build

# ---- production dependencies only (the postinstall finds no vite and skips the web build)
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build-web-if-needed.mjs scripts/prepare-start.mjs scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime: production dependencies, the server's bundle (dist/server) and its sources (migrations, fonts), dist/web
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.json ./
COPY scripts/start.mjs scripts/
COPY src/server src/server
COPY --from=build /app/dist/web dist/web
COPY --from=build /app/dist/server dist/server
# The code stays root-owned and read-only to the server; only DATA_DIR (the embedded database, when
# DATABASE_URL is unset) is writable. Mount a volume there for that case.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The same command as `npm start`, without npm in between, so SIGTERM reaches the server (graceful stop).
CMD ["node", "--max-old-space-size=256", "scripts/start.mjs"]
