# cleaner: the HTTP service (default command) and the batch command, in one image.
#   docker build -t cleaner .
#   docker run --rm -p 8000:8000 cleaner
#   docker run --rm -v "$PWD:/data" cleaner cleaner batch /data/in.jsonl /data/out.jsonl
# BASE may be any Debian-like image with python3 (>= 3.11) and its venv module; CI passes a
# local debootstrap image (scripts/docker-e2e.sh). Works with the legacy builder (no BuildKit).
ARG BASE=python:3.12-slim

# --- stage 1: wheels for every dependency, then for the package ---------------------------------
FROM ${BASE} AS build
# pip settings, given only where the build host reaches PyPI through a mirror or a TLS proxy.
# ARGs of this stage do not reach the final image.
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ARG PIP_TRUSTED_HOST
ARG PIP_CERT
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/build && /opt/build/bin/pip install "hatchling>=1.24"
WORKDIR /src
# Dependencies from pyproject.toml alone (a stub package), so that these slow layers are rebuilt
# only when pyproject.toml changes.
COPY pyproject.toml ./
RUN mkdir -p cleaner rules \
 && touch README.md cleaner/__init__.py \
 && /opt/build/bin/pip wheel --wheel-dir /wheels/deps . \
 && rm -rf /wheels/deps/cleaner-*.whl cleaner rules README.md
# Then the package itself; the wheel must carry the rules (pyproject maps rules/ into
# cleaner/rules_data): check_wheel.py fails the build if any rule file is missing or differs.
COPY README.md ./
COPY cleaner ./cleaner
COPY rules ./rules
COPY scripts/docker/check_wheel.py /tmp/check_wheel.py
RUN /opt/build/bin/pip wheel --no-build-isolation --no-deps --wheel-dir /wheels/package . \
 && python3 /tmp/check_wheel.py /wheels/package/cleaner-*.whl rules

# --- stage 2: the dependencies, installed offline into a fresh virtual environment ---------------
FROM ${BASE} AS dependencies
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
COPY --from=build /wheels/deps /wheels/deps
RUN python3 -m venv /opt/cleaner \
 && /opt/cleaner/bin/pip install --no-index /wheels/deps/*.whl

# --- stage 3: the runtime image: the environment, the package wheel, a non-root user -----------
FROM ${BASE} AS runtime
ENV PATH=/opt/cleaner/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 cleaner \
 && useradd --system --uid 10001 --gid cleaner --home-dir /home/cleaner --create-home \
            --shell /usr/sbin/nologin cleaner
COPY --from=dependencies /opt/cleaner /opt/cleaner
COPY --from=build /wheels/package /tmp/package
# Offline: pip fails here if a dependency is missing from the environment; pip itself goes.
RUN pip install --no-index /tmp/package/cleaner-*.whl \
 && pip check \
 && pip uninstall --yes pip \
 && rm -rf /tmp/package \
 && cleaner rules list > /dev/null
COPY scripts/docker/healthcheck.py /opt/cleaner/healthcheck.py
ENV PYTHONDONTWRITEBYTECODE=1
USER cleaner
WORKDIR /home/cleaner
EXPOSE 8000
# Healthy when GET /healthz answers 200 (HEALTHCHECK_URL overrides the address).
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python3", "/opt/cleaner/healthcheck.py"]
CMD ["cleaner", "serve", "--bind", "0.0.0.0:8000"]
