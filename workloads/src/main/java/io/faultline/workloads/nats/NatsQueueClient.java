package io.faultline.workloads.nats;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The queue workload's client for NATS JetStream, over the official Java client (jnats): one stream {@value #STREAM}
 * on subject {@value #SUBJECT}, replicated on {@link NatsConfig#replicas} servers, file storage.
 *
 * <ul>
 *   <li>{@code publish v}: a JetStream publish of {@code v} (decimal). Acknowledged ({@link PublishAck}) is {@code ok};
 *       a JetStream API error, no responders, or no connection to the server at all is {@code fail} (the message
 *       was not stored, or never left); a timeout or a connection lost after the request went out is {@code info}.
 *   <li>{@code read [node nil]}: the whole stream as {@code node}'s own replica holds it, {@code [node values]}, in
 *       sequence order, read from {@code node}'s file store in its data directory ({@link StreamFiles}) until two
 *       reads 200 ms apart agree. Not through the server: JetStream's direct get ({@code allow_direct}) is answered by
 *       whichever replica's subscription NATS picks, not reliably the server the client is connected to (a run under
 *       packet faults showed a read through {@code n1} answered with another replica's message), and every other read
 *       path is served by the stream's leader. So this read needs the data directory on this machine: the
 *       {@code process} backend.
 * </ul>
 *
 * <p>Each worker's client connects to its own node only (discovered servers are ignored, no reconnection: after an
 * {@code info} the worker's next client connects afresh). jnats' error listener is silenced: the outcomes are in the
 * history.
 */
public final class NatsQueueClient implements Client {
  public static final String STREAM = "queue";
  public static final String SUBJECT = "queue.v";

  private final NatsDb db;
  private final Duration timeout;
  private final InetSocketAddress address;
  private Connection connection;
  private JetStream js;

  /**
   * The template of the queue workload's client.
   *
   * @param opTimeout the test's op timeout; requests give up at three quarters of it, so the client classifies its own
   *     timeouts before the interpreter abandons the op
   */
  public static NatsQueueClient template(NatsDb db, Duration opTimeout) {
    return new NatsQueueClient(db, opTimeout.multipliedBy(3).dividedBy(4), null);
  }

  private NatsQueueClient(NatsDb db, Duration timeout, InetSocketAddress address) {
    this.db = db;
    this.timeout = timeout;
    this.address = address;
  }

  @Override
  public Client open(String node) {
    return new NatsQueueClient(
        db, timeout, db.clientAddress(node == null ? db.nodes().get(0) : node));
  }

  /** Creates the stream, retrying while the JetStream meta group has no leader yet. */
  @Override
  public void setup() throws Exception {
    StreamConfiguration stream =
        StreamConfiguration.builder()
            .name(STREAM)
            .subjects(SUBJECT)
            .replicas(db.config().replicas(db.nodes().size()))
            .storageType(StorageType.File)
            .build();
    long deadline = System.nanoTime() + db.backend().patience().toNanos();
    while (true) {
      try {
        connection().jetStreamManagement().addStream(stream);
        return;
      } catch (IOException | JetStreamApiException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new IOException("cannot create the stream " + STREAM + ": " + e.getMessage(), e);
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  private Connection connection() throws IOException, InterruptedException {
    if (connection == null) {
      connection = connect(address, timeout);
      js = connection.jetStream(JetStreamOptions.builder().requestTimeout(timeout).build());
    }
    return connection;
  }

  private static Connection connect(InetSocketAddress a, Duration timeout)
      throws IOException, InterruptedException {
    Options options =
        new Options.Builder()
            .server("nats://" + a.getHostString() + ":" + a.getPort())
            .connectionTimeout(timeout)
            .ignoreDiscoveredServers()
            .noRandomize()
            .noReconnect()
            .errorListener(new ErrorListener() {})
            .build();
    return Nats.connect(options);
  }

  @Override
  public Op invoke(Op op) throws Exception {
    return switch (op.f()) {
      case "publish" -> publish(op);
      case "read" -> read(op);
      default -> throw new IllegalArgumentException("the queue client has no op '" + op.f() + "'");
    };
  }

  private Op publish(Op op) throws InterruptedException {
    try {
      connection();
    } catch (IOException e) {
      return complete(op, Op.Type.FAIL, op.value(), "no connection: " + e.getMessage());
    }
    try {
      PublishAck ack =
          js.publish(SUBJECT, String.valueOf(op.value()).getBytes(StandardCharsets.UTF_8));
      return ack.hasError()
          ? complete(op, Op.Type.FAIL, op.value(), ack.getError())
          : complete(op, Op.Type.OK, op.value(), null);
    } catch (JetStreamApiException e) {
      return complete(op, Op.Type.FAIL, op.value(), e.getMessage());
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      boolean definite = m.contains("503") || m.toLowerCase().contains("no responders");
      return complete(op, definite ? Op.Type.FAIL : Op.Type.INFO, op.value(), m);
    }
  }

  private Op read(Op op) throws Exception {
    String node = String.valueOf(((List<?>) op.value()).get(0));
    Path stream = Path.of(db.backend().dataDir(node), "jetstream", "$G", "streams", STREAM);
    try {
      TreeMap<Long, String> seen = StreamFiles.read(stream);
      for (int i = 0; i < 10; i++) {
        TimeUnit.MILLISECONDS.sleep(200);
        TreeMap<Long, String> again = StreamFiles.read(stream);
        if (again.equals(seen)) {
          break;
        }
        seen = again;
      }
      List<Object> values = new ArrayList<>();
      for (String v : seen.values()) {
        values.add(value(v));
      }
      return complete(op, Op.Type.OK, Arrays.asList(node, values), null);
    } catch (IOException e) {
      return complete(op, Op.Type.FAIL, op.value(), "cannot read the store of " + node + ": " + e);
    }
  }

  /** A payload as the checker compares it: its number, or the text when it is not one (damaged, say). */
  private static Object value(String payload) {
    try {
      return Long.parseLong(payload);
    } catch (NumberFormatException e) {
      return payload;
    }
  }

  private static Op complete(Op invocation, Op.Type type, Object value, String error) {
    return new Op(
        -1, -1, type, invocation.process(), invocation.f(), value, error, invocation.node());
  }

  @Override
  public void close() throws Exception {
    if (connection != null) {
      connection.close();
    }
  }
}
