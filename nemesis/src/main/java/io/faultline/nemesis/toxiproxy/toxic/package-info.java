/**
 * The toxics: what each of the seven Toxiproxy toxic types does to one stream of one connection.
 *
 * <p>A {@link io.faultline.nemesis.toxiproxy.toxic.ToxicSpec} is the toxic as the API shows it. On every connection
 * of its proxy it becomes a {@link io.faultline.nemesis.toxiproxy.toxic.Stage}: a small event-driven step that gets
 * chunks and the end of the stream, and hands them on, delayed, sliced, throttled or dropped. Stages run on the
 * connection's Netty event loop and wait with timers, never by blocking, so one thread serves many connections and
 * a chunk with no toxic in its way goes straight from one socket to the other.
 *
 * <p>Toxiproxy runs a goroutine per toxic per stream and restarts it when the toxic changes; here a change swaps
 * stages in place and the old stage hands over what it holds
 * ({@link io.faultline.nemesis.toxiproxy.toxic.Stage#drainTo}), so no byte is lost or reordered by an update.
 */
package io.faultline.nemesis.toxiproxy.toxic;
