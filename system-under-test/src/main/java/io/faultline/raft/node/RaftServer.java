package io.faultline.raft.node;

import io.faultline.raft.RaftConfig;
import io.faultline.raft.RaftNode;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.kv.KvStateMachine;
import io.faultline.raft.net.ClientServer;
import io.faultline.raft.net.NettyPeerTransport;
import io.faultline.raft.storage.FileRaftStore;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running member: the Raft core, the Netty peer transport and client server, and the log writes on one event loop
 * thread (see {@link LoopScheduler}), a leader's concurrent log writes on a writer thread, and the admin endpoint,
 * wired from {@link NodeOptions}.
 */
public final class RaftServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftServer.class);

  /** How long the unsafe no-fsync mode leaves acknowledged writes in memory before writing them (unsynced). */
  private static final long LAZY_FLUSH_MILLIS = 500;

  /** How often the unsafe lazy-fsync mode fsyncs what it has written (NATS's default is two minutes). */
  private static final long LAZY_FSYNC_MILLIS = 2000;

  /**
   * The log file is extended by this many bytes of zeros ahead of its records, so that each commit's fdatasync
   * flushes data only, not a new file size (see {@code LogFile}); chunks grow with the log up to 4 MiB.
   */
  private static final long LOG_PREALLOCATE_BYTES = 4 << 20;

  private final NodeOptions options;
  private final LoopScheduler scheduler;
  private final ExecutorService io;
  private final ScheduledExecutorService lazyIo;
  private final EventLoopGroup group;
  private final FileRaftStore store;
  private final RaftNode node;
  private final KvStateMachine stateMachine;
  private final NettyPeerTransport transport;
  private final ClientServer clients;
  private AdminServer admin;

  private RaftServer(NodeOptions o) {
    this.options = o;
    RaftConfig config =
        RaftConfig.defaults(o.id(), o.memberIds())
            .withTimeouts(o.electionMinMs(), o.electionMaxMs(), o.heartbeatMs())
            .withReadMode(o.readMode())
            .withUnsafe(o.unsafe())
            .withSnapshotThreshold(o.snapshotEntries())
            .withPreVote(o.preVote());
    // One event loop runs the core and every channel of the node (see LoopScheduler).
    group = o.io().group(1, new DefaultThreadFactory("raft-core-" + o.id(), true));
    scheduler = new LoopScheduler(group.next());
    io = Executors.newSingleThreadExecutor(r -> daemon(r, "raft-io-" + o.id()));
    lazyIo = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "raft-lazy-io-" + o.id()));
    boolean noFsync = o.unsafe().contains(UnsafeMode.NO_FSYNC);
    // Writes run on the loop, so that a fsync and what follows it need no hand-off, but for a
    // leader's concurrent
    // writes, which its own thread overlaps with replication (see LoopScheduler).
    Executor lazy = r -> lazyIo.schedule(r, LAZY_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    store =
        noFsync
            ? FileRaftStore.builder(o.dataDir(), lazy).fsync(false).ackBeforeDurable(true).build()
            : FileRaftStore.builder(o.dataDir(), io)
                .callerExecutor(scheduler::execute)
                .preallocateBytes(LOG_PREALLOCATE_BYTES)
                .lazyFsync(o.unsafe().contains(UnsafeMode.LAZY_FSYNC))
                .build();
    if (o.unsafe().contains(UnsafeMode.LAZY_FSYNC)) {
      lazyIo.scheduleAtFixedRate(
          store::syncNow, LAZY_FSYNC_MILLIS, LAZY_FSYNC_MILLIS, TimeUnit.MILLISECONDS);
    }
    stateMachine = new KvStateMachine(KvStateMachine.Sessions.of(o.unsafe()));
    AtomicReference<RaftNode> self = new AtomicReference<>();
    transport = new NettyPeerTransport(o.id(), o.peers(), group, m -> self.get().receive(m));
    node =
        RaftNode.builder(config)
            .stateMachine(stateMachine)
            .store(store)
            .transport(transport)
            .scheduler(scheduler)
            .build();
    self.set(node);
    clients =
        new ClientServer(
            node,
            group,
            o.unsafe().stream().filter(UnsafeMode::playedByClient).map(UnsafeMode::flag).toList());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Recovers the state, binds every port and starts the node. */
  public static RaftServer start(NodeOptions o) throws Exception {
    RaftServer s = new RaftServer(o);
    try {
      s.node.start();
      s.transport.start();
      s.clients.start(new InetSocketAddress(o.clientHost(), o.clientPort()));
      s.admin =
          new AdminServer(
              s.node, s.stateMachine, new InetSocketAddress(o.clientHost(), o.adminPort()));
      s.admin.start();
    } catch (Exception e) {
      s.close();
      throw e;
    }
    LOG.info(
        "node {} up: raft {} client {}:{} admin {}:{} read-mode {} io {} unsafe {}",
        o.id(),
        o.peers().get(o.id()),
        o.clientHost(),
        o.clientPort(),
        o.clientHost(),
        o.adminPort(),
        o.readMode().flag(),
        o.io(),
        o.unsafe());
    return s;
  }

  public RaftNode node() {
    return node;
  }

  /** Stops accepting work, fails pending requests, flushes the store and releases every port. */
  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    clients.close();
    node.stop();
    transport.close();
    // Runs the tasks already queued (the node's stop among them), then ends the loop.
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    lazyIo.shutdownNow();
    io.shutdown();
    try {
      io.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
    LOG.info("node {} stopped", options.id());
  }
}
