# Faultline's Toxiproxy-compatible server as an image: the docker backend's stand-in for ghcr.io/shopify/toxiproxy
# where no registry is reachable. The harness builds it (LocalImages) with the jars of the CLI under lib/; the
# entry point is `faultline toxiproxy`, with the API on port 8474 of every interface of the container.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
COPY lib/ /opt/faultline/lib/
EXPOSE 8474
ENTRYPOINT ["java", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", "/opt/faultline/lib/*", \
  "io.faultline.harness.cli.FaultlineCli", "toxiproxy", "--host", "0.0.0.0", "--port", "8474"]
