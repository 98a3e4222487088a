# The API as the district runs it: `docker compose up` (compose.yaml) serves it on
# PostgreSQL 15; README: Deployment. GraphiQL's browser files are built in their own
# stage from the npm packages server/graphiql/package-lock.json pins, so the image needs
# no internet access at run time and carries no Node.js.

FROM node:20-slim AS graphiql
WORKDIR /build
COPY server/graphiql/package.json server/graphiql/package-lock.json server/graphiql/build.mjs ./
RUN npm ci --no-audit --no-fund --loglevel=error && npm run build --silent

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY db db
COPY schema schema
COPY resolvers resolvers
COPY server server
COPY cli cli
COPY tooling tooling
COPY simulation simulation
COPY loadtests loadtests
COPY benchmarks benchmarks
COPY --from=graphiql /build/static server/graphiql/static
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin grassroots \
    && mkdir -p /data /loadtest \
    && chown grassroots:grassroots /data /loadtest

USER grassroots
# Without PostgreSQL (compose.yaml sets it) the database is a SQLite file in a volume.
ENV GRASSROOTS_DATABASE_URL=sqlite+aiosqlite:////data/grassroots.db \
    GRASSROOTS_PORT=8000 \
    GRASSROOTS_WORKERS=2
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${GRASSROOTS_PORT:-8000}/healthz', timeout=4)"
# `grassroots serve` takes its port from GRASSROOTS_PORT and its uvicorn workers from
# GRASSROOTS_WORKERS; it refuses a database the migrations have not brought up to date
# (compose.yaml runs `grassroots db upgrade` and `grassroots seed --if-empty` first).
CMD ["grassroots", "serve", "--host", "0.0.0.0"]
