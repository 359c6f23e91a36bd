# Lokus in a container: `docker build -t lokus .` then run with the variables of README.md's
# Configuration table (COSMOS_ENDPOINT, MicrosoftAppId, …). See docs/deploy.md.
ARG NODE_VERSION=20

# 1. Build: all dependencies, TypeScript compiled to dist/.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# botbuilder-dialogs' install script calls npx; never let it prompt.
ENV npm_config_yes=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Runtime dependencies only.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV npm_config_yes=true
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The image: compiled code, card templates beside dist/, runs as the unprivileged node user.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node cards ./cards
# Only used without COSMOS_ENDPOINT (the embedded store); mount a volume here to keep its data.
RUN mkdir -p /app/.lokus-data && chown node:node /app/.lokus-data
USER node
EXPOSE 3978
# /healthz answers 200 only while Cosmos DB answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm start, which compiles first) so SIGTERM reaches the bot for a clean stop.
CMD ["node", "dist/index.js"]
