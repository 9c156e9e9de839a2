# The manager image for hosts that can pull base images: the nx bundle (dist/apps/manager), the dashboard
# it serves (dist/apps/dashboard/browser), the npm packages the bundle loads at run time with
# better-sqlite3's native addon, and HAProxy 2.6 from Debian for STRATO_LB=haproxy. From the repository
# root, after `npx nx run-many -t build -p manager dashboard`:
#   DOCKER_BUILDKIT=1 docker build -f deploy/manager.Dockerfile -t strato-manager:latest .
# Offline hosts build the same layout with tools/build-deploy-images.sh (docker import, no registry).

FROM node:20-bookworm-slim AS deps
# better-sqlite3 fetches a prebuilt addon for this Node and platform; where there is none it compiles.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
# The workspace's whole tree, as the tests ran against it (dev dependencies too: the bundle's `express`
# is installed only through one); runtime-deps copies out what the bundle loads.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY deploy/lib/runtime-deps.mjs deploy/lib/
COPY dist/apps/manager/main.js dist/apps/manager/
# Only what the bundle loads, not the workspace's other packages (Angular, Nx, jest…).
RUN node deploy/lib/runtime-deps.mjs --from . --to /out \
  --also @nestjs/platform-express --also class-transformer dist/apps/manager/main.js

FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends haproxy \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /out/node_modules node_modules
COPY dist/apps/manager/main.js dist/apps/manager/
COPY dist/apps/dashboard/browser dist/apps/dashboard/browser
# The store, tokens, logs and HAProxy's files: mount a volume here.
RUN mkdir /data && chown node:node /data
ENV NODE_ENV=production \
  STRATO_DATA_DIR=/data \
  STRATO_DASHBOARD_DIR=/app/dist/apps/dashboard/browser \
  STRATO_HAPROXY_BIN=/usr/sbin/haproxy
# HAProxy runs as the manager's child, as the same user: the rendered config has no user, group or chroot.
USER node
EXPOSE 8080 8000
ENTRYPOINT ["node", "/app/dist/apps/manager/main.js"]
