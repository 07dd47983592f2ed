package io.faultline.raft.sim;

import io.faultline.raft.NodeStatus;
import io.faultline.raft.RaftConfig;
import io.faultline.raft.RaftNode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.StateMachine;
import io.faultline.raft.Transport;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.impl.RaftNodeImpl;
import io.faultline.raft.kv.KvStateMachine;
import io.faultline.raft.message.MessageCodec;
import io.faultline.raft.message.RaftMessage;
import io.faultline.raft.protocol.KvCommand;
import io.faultline.raft.storage.FileRaftStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A Raft group in one JVM on virtual time (like MicroRaft's {@code LocalRaftGroup}): real {@link RaftNodeImpl}s
 * with real {@link FileRaftStore}s in a temporary directory (fsync off: a simulated crash keeps the page cache but
 * loses writes not yet drained), connected by a transport that passes every message through the codec and a
 * {@link Firewall}, with 0.2–2 ms of virtual delay (see {@link #linkDelayMicros}) and FIFO order per directed link,
 * like TCP. A member's clock can be stepped, and its timers move with it ({@link #bumpClock}); a directed link can
 * hold its messages for as long as a test likes ({@link #hold}), and a member's disk can be slowed
 * ({@link #diskDelayMicros}).
 */
public final class LocalCluster {
  private final SimWorld world;
  private final Firewall firewall = new Firewall();
  private final List<String> ids = new ArrayList<>();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, Long> linkClock = new HashMap<>();
  private final Path baseDir;
  private final UnaryOperator<RaftConfig> tweak;
  private final long preallocateBytes;
  private final Map<String, Long> diskMicros = new HashMap<>();
  private final Map<String, List<RaftMessage>> heldLinks = new HashMap<>();
  private long minDelayNanos = 200_000;
  private long maxDelayNanos = 2_000_000;

  /** Command bytes applied at each index, by any member: state machine safety is checked on every apply. */
  private final Map<Long, byte[]> appliedAt = new HashMap<>();

  private final List<String> violations = new ArrayList<>();

  /** One incarnation of a member. */
  private static final class Member {
    SimNodeScheduler scheduler;
    FileRaftStore store;
    KvStateMachine stateMachine;
    RaftNodeImpl node;

    /** Store drains run on the writer executor and on the node's own thread (see WritePlacement#overlapWrites). */
    long writerDrains;

    long ownDrains;
  }

  public LocalCluster(int size, long seed, Path baseDir, UnaryOperator<RaftConfig> tweak) {
    this(size, seed, baseDir, tweak, 0);
  }

  /** A cluster whose stores preallocate their log files in chunks of {@code preallocateBytes} (0: never). */
  public LocalCluster(
      int size, long seed, Path baseDir, UnaryOperator<RaftConfig> tweak, long preallocateBytes) {
    this.world = new SimWorld(seed);
    this.baseDir = baseDir;
    this.tweak = tweak;
    this.preallocateBytes = preallocateBytes;
    for (int i = 1; i <= size; i++) {
      ids.add("n" + i);
    }
    for (String id : ids) {
      start(id);
    }
  }

  public LocalCluster(int size, long seed, Path baseDir) {
    this(size, seed, baseDir, c -> c);
  }

  public List<String> ids() {
    return ids;
  }

  public SimWorld world() {
    return world;
  }

  public Firewall firewall() {
    return firewall;
  }

  /** Sets the range of every message's virtual delay (0.2–2 ms unless set), e.g. to that of a loopback network. */
  public void linkDelayMicros(long min, long max) {
    if (min <= 0 || max <= min) {
      throw new IllegalArgumentException("need 0 < min < max, got " + min + ".." + max);
    }
    minDelayNanos = min * 1_000L;
    maxDelayNanos = max * 1_000L;
  }

  /**
   * Makes every store write of {@code id} (this incarnation and later ones) take {@code micros} of virtual time
   * instead of 300 µs, as on a slow or contended disk.
   */
  public void diskDelayMicros(String id, long micros) {
    diskMicros.put(id, micros);
  }

  private long diskMicros(String id) {
    return diskMicros.getOrDefault(id, 300L);
  }

  /** Safety violations seen by the apply hook (different commands applied at one index). */
  public List<String> violations() {
    return violations;
  }

  public RaftNodeImpl node(String id) {
    return members.get(id).node;
  }

  public KvStateMachine stateMachine(String id) {
    return members.get(id).stateMachine;
  }

  /** How many store drains this incarnation of {@code id} ran on its writer executor. */
  public long writerDrains(String id) {
    return members.get(id).writerDrains;
  }

  /** How many store drains this incarnation of {@code id} ran on its own thread. */
  public long ownDrains(String id) {
    return members.get(id).ownDrains;
  }

  public boolean alive(String id) {
    return members.get(id).scheduler.alive();
  }

  public NodeStatus status(String id) {
    return node(id).statusNowForTest();
  }

  public void runFor(long millis) {
    world.runFor(millis);
  }

  public boolean runUntil(BooleanSupplier condition, long maxMillis) {
    return world.runUntil(condition, maxMillis);
  }

  /** Runs until exactly one live member leads in the highest live term, and returns it (or null on timeout). */
  public String awaitLeader(long maxMillis) {
    return runUntil(() -> leader() != null, maxMillis) ? leader() : null;
  }

  /** Runs until a member other than {@code old} leads, and returns it (or null on timeout). */
  public String awaitNewLeader(String old, long maxMillis) {
    return runUntil(() -> leader() != null && !leader().equals(old), maxMillis) ? leader() : null;
  }

  /** The live leader of the highest term among live members, if any. */
  public String leader() {
    long maxTerm = -1;
    String leader = null;
    for (String id : ids) {
      if (alive(id)) {
        NodeStatus s = status(id);
        if (s.term() > maxTerm) {
          maxTerm = s.term();
          leader = null;
        }
        if (s.role() == Role.LEADER && s.term() == maxTerm) {
          leader = id;
        }
      }
    }
    return leader;
  }

  /** Kills a member: its queued tasks and unwritten store operations are lost. */
  public void crash(String id) {
    Member m = members.get(id);
    m.scheduler.kill();
    m.store.abandonForTest();
  }

  /**
   * Steps a member's clocks (wall and monotonic) by {@code millis}, forwards or backwards, and its timers with them:
   * a forward step fires every timer it passes at once (see {@link SimNodeScheduler}).
   */
  public void bumpClock(String id, long millis) {
    members.get(id).scheduler.bumpClock(millis);
  }

  /** Starts a new incarnation of a crashed member from its data directory. */
  public void restart(String id) {
    start(id);
  }

  /** A request's eventual reply; {@code reply} stays null while it is pending (or if the node crashed). */
  public static final class Call {
    public volatile Reply reply;

    /** Virtual times of the invocation and of the reply. */
    public long invokedAt;

    public long doneAt;

    /** Optional labels the test attaches (the key, the value written). */
    public String key;

    public String value;

    public boolean done() {
      return reply != null;
    }
  }

  public Call write(String via, String key, String value) {
    return propose(via, new KvCommand(KvCommand.Op.WRITE, 0, 0, key, value, null));
  }

  /**
   * Appends in the session {@code clientId}, which it opens first (opening an open session does nothing), so that a
   * test need not; {@link #propose} sends a command alone.
   */
  public Call append(String via, long clientId, long seq, String key, String value) {
    propose(via, new KvCommand(KvCommand.Op.OPEN, clientId, 0, null, null, null));
    return propose(via, new KvCommand(KvCommand.Op.APPEND, clientId, seq, key, value, null));
  }

  public Call propose(String via, KvCommand command) {
    Call c = newCall(command.key());
    node(via).propose(command.encode(), r -> complete(c, r));
    return c;
  }

  public Call read(String via, String key) {
    Call c = newCall(key);
    node(via)
        .read(
            new KvCommand(KvCommand.Op.READ, 0, 0, key, null, null).encode(), r -> complete(c, r));
    return c;
  }

  private Call newCall(String key) {
    Call c = new Call();
    c.key = key;
    c.invokedAt = world.nowNanos();
    return c;
  }

  private void complete(Call c, Reply r) {
    c.doneAt = world.nowNanos();
    c.reply = r;
  }

  /** Writes through whichever member leads, retrying until the write is acknowledged. Returns the leader. */
  public String writeCommitted(String key, String value, long maxMillis) {
    long deadline = world.nowNanos() + maxMillis * 1_000_000L;
    while (world.nowNanos() < deadline) {
      String leader = awaitLeader(maxMillis);
      if (leader == null) {
        break;
      }
      Call c = write(leader, key, value);
      runUntil(c::done, 1000);
      if (c.done() && c.reply.status() == Reply.Status.OK) {
        return leader;
      }
      runFor(10); // let time pass before retrying, as a real client would
    }
    throw new AssertionError(
        "could not commit " + key + "=" + value + " within " + maxMillis + " ms");
  }

  private void start(String id) {
    RaftConfig config = tweak.apply(RaftConfig.defaults(id, ids));
    Member m = new Member();
    m.scheduler = new SimNodeScheduler(world);
    SimNodeScheduler io = m.scheduler;
    m.store =
        FileRaftStore.builder(
                baseDir.resolve(id),
                r -> {
                  m.writerDrains++;
                  io.scheduleMicros(r, diskMicros(id));
                })
            .callerExecutor(
                r -> {
                  m.ownDrains++;
                  io.scheduleMicros(r, diskMicros(id));
                })
            .fsync(false)
            .ackBeforeDurable(config.isUnsafe(UnsafeMode.NO_FSYNC))
            .preallocateBytes(preallocateBytes)
            .build();
    m.stateMachine = new KvStateMachine(KvStateMachine.Sessions.of(config.unsafe()));
    m.node =
        (RaftNodeImpl)
            RaftNode.builder(config)
                .stateMachine(recording(m.stateMachine))
                .store(m.store)
                .transport(transport(id))
                .scheduler(m.scheduler)
                .clock(m.scheduler)
                .random(new java.util.Random(world.random().nextLong()))
                .build();
    members.put(id, m);
    try {
      m.node.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StateMachine recording(KvStateMachine sm) {
    return new StateMachine() {
      @Override
      public Object apply(long index, byte[] command) {
        byte[] before = appliedAt.putIfAbsent(index, command);
        if (before != null && !Arrays.equals(before, command)) {
          violations.add("state machine safety: two different commands applied at index " + index);
        }
        return sm.apply(index, command);
      }

      @Override
      public Object preview(byte[] command) {
        return sm.preview(command);
      }

      @Override
      public Object query(byte[] query) {
        return sm.query(query);
      }

      @Override
      public byte[] takeSnapshot() {
        return sm.takeSnapshot();
      }

      @Override
      public void restoreSnapshot(byte[] snapshot) {
        sm.restoreSnapshot(snapshot);
      }
    };
  }

  private Transport transport(String from) {
    return (to, message) -> {
      if (!firewall.allows(from, to, world.random().nextDouble())) {
        return;
      }
      RaftMessage copy = roundTrip(message);
      List<RaftMessage> held = heldLinks.get(from + "->" + to);
      if (held != null) {
        held.add(copy);
      } else {
        deliver(from, to, copy);
      }
    };
  }

  /** Delivers after the link's delay, in order with every earlier message of the link (FIFO, like TCP). */
  private void deliver(String from, String to, RaftMessage copy) {
    String link = from + "->" + to;
    long delay = minDelayNanos + world.random().nextInt((int) (maxDelayNanos - minDelayNanos));
    long at = Math.max(linkClock.getOrDefault(link, 0L), world.nowNanos() + delay);
    linkClock.put(link, at);
    world.at(
        at,
        () -> {
          Member target = members.get(to);
          if (target.scheduler.alive() && firewall.allows(from, to, 1.0)) {
            target.node.receive(copy);
          }
        });
  }

  /**
   * Holds every message sent on the directed link from now on, as a link with a very long latency does, until
   * {@link #release}. Nothing is lost and the order is kept.
   */
  public void hold(String from, String to) {
    heldLinks.putIfAbsent(from + "->" + to, new ArrayList<>());
  }

  /** Sends the messages held on the link, in order, to whatever incarnation of {@code to} runs now. */
  public void release(String from, String to) {
    List<RaftMessage> held = heldLinks.remove(from + "->" + to);
    if (held != null) {
      held.forEach(m -> deliver(from, to, m));
    }
  }

  private static RaftMessage roundTrip(RaftMessage m) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      MessageCodec.encode(m, new DataOutputStream(bytes));
      return MessageCodec.decode(
          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
