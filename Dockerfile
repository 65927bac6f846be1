# The image the chart runs (ghcr.io/premortem/premortem). Build: docker build -t premortem .
# Multi-stage: the Swift toolchain image compiles a release binary with the Swift standard
# library linked in statically; the runtime image is a slim Ubuntu (the same glibc the build
# image has) with CA certificates, running as a non-root user with nothing else installed.
FROM swift:6.1-noble AS build
WORKDIR /src
# Dependencies first, so source edits reuse the resolved packages layer.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --product premortem --static-swift-stdlib \
    && install -D "$(swift build -c release --show-bin-path)/premortem" /out/premortem

FROM ubuntu:noble
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/premortem /usr/local/bin/premortem
# The chart's securityContext runs as 65532 with a read-only root filesystem; the binary
# writes nothing to disk.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/premortem"]
CMD ["serve"]
