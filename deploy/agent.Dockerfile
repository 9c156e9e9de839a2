# The proxy agent image for hosts that can pull base images: the nx bundle (dist/apps/proxy), the job
# server the process runtime starts (dist/apps/job), and the npm packages the bundle loads at run time
# (dockerode, Nest). From the repository root, after `npx nx run-many -t build -p proxy job`:
#   DOCKER_BUILDKIT=1 docker build -f deploy/agent.Dockerfile -t strato-agent:latest .
# Offline hosts build the same layout with tools/build-deploy-images.sh (docker import, no registry).
# The docker runtime's nodes come from the node image (apps/job/Dockerfile or tools/build-node-image.sh),
# which must exist in the engine the agent drives.

FROM node:20-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# The workspace's whole tree, as the tests ran against it (dev dependencies too: the bundle's `express`
# is installed only through one); runtime-deps copies out what the bundle loads. No install scripts:
# nothing the agent loads is native.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY deploy/lib/runtime-deps.mjs deploy/lib/
COPY dist/apps/proxy/main.js dist/apps/proxy/
RUN node deploy/lib/runtime-deps.mjs --from . --to /out \
  --also @nestjs/platform-express --also class-transformer dist/apps/proxy/main.js

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=deps /out/node_modules node_modules
COPY dist/apps/proxy/main.js dist/apps/proxy/
COPY dist/apps/job/main.js dist/apps/job/
RUN mkdir /data
ENV NODE_ENV=production \
  STRATO_AGENT_STATE_DIR=/data \
  STRATO_JOB_SERVER=/app/dist/apps/job/main.js
# Root: the agent drives the host's Docker engine through its socket, which is root's power already,
# and the process runtime writes cgroups. A non-root agent needs `group_add` with the socket's group.
EXPOSE 8081
ENTRYPOINT ["node", "/app/dist/apps/proxy/main.js"]
