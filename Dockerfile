# Multi-stage build: compile the two single-file binaries, then copy them into a slim runtime.
# (Docker cannot run on the development machines; this file is kept simple and is not CI-tested.)
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json bun.lock Makefile ./
RUN make bun
COPY . .
RUN make build

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/algo-trade /src/algo-trade-tui /usr/local/bin/
COPY config/Config.example.toml /app/config/Config.example.toml
ENV XDG_CACHE_HOME=/app/.cache
RUN mkdir -p /app/data /app/.cache
EXPOSE 8080
VOLUME ["/app/data"]
# Bind to all interfaces inside the container; the daemon then requires a token and refuses to
# start without one:  docker run -e ALGO_API_TOKEN=$(openssl rand -hex 32) -p 8080:8080 algo-trade
ENTRYPOINT ["algo-trade"]
CMD ["daemon", "--host", "0.0.0.0"]
