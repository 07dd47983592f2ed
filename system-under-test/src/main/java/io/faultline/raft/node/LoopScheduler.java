package io.faultline.raft.node;

import io.faultline.raft.Scheduler;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on the one Netty event loop that also serves every channel of the node (peer links, the peer
 * listener and client connections) and drains the file store, but for a leader's concurrent writes. The core, the
 * network, the disk writes and the replies then share a thread: a message read from a socket is handled, written,
 * fsync'd and answered without waking another thread. On a commit path of several hops, each thread hand-off saved is a
 * wake-up (and, on a busy machine, a run-queue wait) saved.
 *
 * <p>Tasks submitted from the loop itself are queued without a wake-up and run after the tasks already queued, which
 * is what batches the work: every AppendEntries read in one pass of the loop is handled before the store's drain
 * task (queued by the first of them) writes them all and fsyncs once, so a follower group-commits. A leader whose
 * writes come one at a time writes on the loop too, after the entries have left for the followers. Under concurrent
 * clients it writes on a writer thread instead (see {@code WritePlacement.overlapWrites}): its fsync then overlaps the
 * loop's handling of new requests and acknowledgements (thesis §10.2.1), which keeps the pipeline full. A task that
 * throws is logged and does not stop the others.
 */
final class LoopScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(LoopScheduler.class);

  private final EventLoop loop;

  LoopScheduler(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public void execute(Runnable task) {
    try {
      loop.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("scheduler stopped; task dropped");
    }
  }

  @Override
  public void schedule(Runnable task, long delayMillis) {
    try {
      loop.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("scheduler stopped; task dropped");
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("task failed", e);
      }
    };
  }
}
