# doxwatch: build with cgo (SQLite), run as a non-root user with /data for
# the database and the outbox.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/doxwatch ./cmd/doxwatch

FROM debian:bookworm-slim
# ca-certificates for HTTPS sources and SMTP over TLS, tzdata for the
# schedules, tesseract for the text in screenshots.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data doxwatch \
 && mkdir -p /data /etc/doxwatch && chown doxwatch /data
COPY --from=build /out/doxwatch /usr/local/bin/doxwatch
USER doxwatch
WORKDIR /data
VOLUME /data
ENV OMP_THREAD_LIMIT=1
EXPOSE 9188 8080
HEALTHCHECK --interval=60s --timeout=10s --retries=3 CMD ["doxwatch", "healthcheck", "--config", "/etc/doxwatch/doxwatch.yaml"]
ENTRYPOINT ["doxwatch"]
CMD ["run", "--config", "/etc/doxwatch/doxwatch.yaml", "--log-format", "json"]
