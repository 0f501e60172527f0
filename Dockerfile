# Osallisuusbotti: the Slack bot and scheduler, served by `osallisuus serve` (gunicorn on $PORT).
#
#   docker build -t osallisuusbotti .
#   docker run -p 3000:3000 -v osallisuus-data:/data --stop-timeout 40 \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... osallisuusbotti
#
# The SQLite database lives in the /data volume unless DATABASE_URL points elsewhere (e.g. PostgreSQL).
# Stopping: SIGTERM lets gunicorn finish the requests in flight and the outbox its send in flight, within
# 30 s (bot/server.py GRACEFUL_SECONDS). Docker's default grace is 10 s before SIGKILL, so give 40 s:
# `docker run --stop-timeout 40`, compose `stop_grace_period: 40s`, Kubernetes
# `terminationGracePeriodSeconds: 40`. (A Dockerfile cannot set the grace period itself.)

# --- builder: a venv with the locked dependencies and the project installed from its wheel -------------
FROM python:3.11-slim-bookworm AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src

# Dependencies first, so this layer is reused while only the project's code changes; every pinned hash
# is checked against the downloaded files.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

# The project itself: built into a wheel (package data included: plans, catalogues, migrations) and
# installed without touching the locked dependencies.
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /tmp/dist . \
    && pip install --no-cache-dir --no-deps /tmp/dist/osallisuusbotti-*.whl \
    && osallisuus --help > /dev/null

# --- runtime ----------------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

LABEL org.opencontainers.image.title="osallisuusbotti" \
      org.opencontainers.image.description="Slack bot for the participation plan (fi/sv/en)" \
      org.opencontainers.image.licenses="MIT"

RUN groupadd --system --gid 10001 osallisuus \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin osallisuus \
    && mkdir -p /data \
    && chown osallisuus:osallisuus /data

COPY --from=builder /opt/venv /opt/venv

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite:////data/osallisuus.db \
    MPLCONFIGDIR=/tmp/matplotlib \
    PORT=3000

WORKDIR /data
VOLUME /data
USER 10001:10001

EXPOSE 3000

# No curl in the slim image: Python's urllib asks /healthz, which answers 503 when the database is down.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

STOPSIGNAL SIGTERM
CMD ["osallisuus", "serve"]
