package io.faultline.nemesis.net;

import io.faultline.harness.cli.UserError;
import io.faultline.nemesis.toxiproxy.ToxiproxyServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./faultline toxiproxy}: Faultline's Toxiproxy-compatible server on its own, until interrupted. */
@Command(
    name = "toxiproxy",
    mixinStandardHelpOptions = true,
    description =
        "Runs Faultline's Toxiproxy-compatible server (the Toxiproxy HTTP API) until interrupted.")
public final class ToxiproxyCommand implements Callable<Integer> {

  @Option(
      names = "--host",
      paramLabel = "H",
      defaultValue = ToxiproxyServer.DEFAULT_HOST,
      description = "The address of the API. Default: ${DEFAULT-VALUE} (loopback).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8474",
      description = "The port of the API. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    ToxiproxyServer server;
    try {
      server = new ToxiproxyServer(host, port).start();
    } catch (RuntimeException e) {
      throw new UserError(
          "cannot start the Toxiproxy server on " + host + ":" + port + ": " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "toxiproxy-stop"));
    System.out.println("faultline toxiproxy: API on http://" + server.host() + ":" + server.port());
    server.awaitClose();
    return 0;
  }
}
