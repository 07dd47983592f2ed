package io.faultline.harness.cluster.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import io.faultline.harness.spi.db.DbException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One host's SSH connection, through JSch: commands (each on a channel of its own, so threads may run them at once),
 * SFTP uploads and downloads, and local port forwards. A failure is a {@link DbException} whose one line names the
 * host and the cause.
 */
public final class SshHost implements AutoCloseable {
  private static final long POLL_NANOS = 1_000_000L;

  private final SshOptions.Host host;
  private final SshOptions options;
  private final Session session;

  private SshHost(SshOptions.Host host, SshOptions options, Session session) {
    this.host = host;
    this.options = options;
    this.session = session;
  }

  /** What a command printed, and its exit status. */
  public record Result(int exit, String out, String err) {
    /** Whether it exited with 0. */
    public boolean ok() {
      return exit == 0;
    }

    /** The first line of its error output, else of its output, for messages. */
    public String firstLine() {
      String s = err.isBlank() ? out : err;
      return s.strip().lines().findFirst().orElse("exit status " + exit);
    }
  }

  /**
   * Connects to {@code host} as the options say, within {@code timeout}.
   *
   * @throws DbException naming the host: unreachable, key refused, unknown host key
   */
  public static SshHost connect(SshOptions.Host host, SshOptions options, Duration timeout) {
    try {
      JSch jsch = new JSch();
      jsch.addIdentity(options.privateKey().toString());
      Path known = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
      if (options.strictHostKeys() && Files.isReadable(known)) {
        jsch.setKnownHosts(known.toString());
      }
      Session s = jsch.getSession(options.username(), host.address(), host.port());
      s.setConfig("StrictHostKeyChecking", options.strictHostKeys() ? "yes" : "no");
      s.setConfig("PreferredAuthentications", "publickey");
      s.setServerAliveInterval(2000);
      s.setServerAliveCountMax(5);
      s.connect((int) timeout.toMillis());
      return new SshHost(host, options, s);
    } catch (JSchException e) {
      throw new DbException("host " + host + ": " + cause(e, options));
    }
  }

  /** Why a connection failed, in words. */
  static String cause(JSchException e, SshOptions options) {
    String m = String.valueOf(e.getMessage());
    if (m.startsWith("Auth fail") || m.startsWith("Auth cancel")) {
      return "the key " + options.privateKey() + " was refused for user " + options.username();
    }
    if (m.contains("UnknownHostKey") || m.contains("reject HostKey")) {
      return "its host key is not in ~/.ssh/known_hosts (add it, or --ssh-strict-host-key-checking=no)";
    }
    if (m.contains("HostKey has been changed")) {
      return "its host key differs from ~/.ssh/known_hosts";
    }
    if (m.contains("invalid privatekey") || m.contains("invalid private key")) {
      return "cannot read the private key " + options.privateKey();
    }
    Throwable c = e.getCause() != null ? e.getCause() : e;
    if (c instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    if (m.contains("timeout") || c instanceof java.net.SocketTimeoutException) {
      return "does not answer (timed out)";
    }
    return "cannot connect: " + (c.getMessage() == null ? c.toString() : c.getMessage());
  }

  public SshOptions.Host host() {
    return host;
  }

  /** Whether the connection is up. */
  public boolean connected() {
    return session.isConnected();
  }

  /** Runs {@code command} with {@code sh -c} as the user, within {@code timeout}. */
  public Result run(String command, Duration timeout) {
    return exec(command, null, timeout);
  }

  /** Runs {@code command} as root ({@code sudo -n} when the options say so), with {@code stdin}, within {@code timeout}. */
  public Result runAsRoot(String command, String stdin, Duration timeout) {
    String c = options.sudo() ? "sudo -n sh -c " + Shell.quote(command) : command;
    return exec(c, stdin, timeout);
  }

  private Result exec(String command, String stdin, Duration timeout) {
    ChannelExec ch = null;
    try {
      ch = (ChannelExec) session.openChannel("exec");
      ch.setCommand(command);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ch.setInputStream(
          stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      ch.setOutputStream(out, true);
      ch.setErrStream(err, true);
      long deadline = System.nanoTime() + timeout.toNanos();
      ch.connect((int) Math.max(1, timeout.toMillis()));
      while (!ch.isClosed()) {
        if (System.nanoTime() - deadline > 0) {
          throw new DbException(
              "host "
                  + host
                  + ": '"
                  + brief(command)
                  + "' took more than "
                  + timeout.toMillis()
                  + " ms");
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
      return new Result(
          ch.getExitStatus(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (JSchException e) {
      throw new DbException("host " + host + ": " + cause(e, options));
    } finally {
      if (ch != null) {
        ch.disconnect();
      }
    }
  }

  /** Runs {@code command} and fails with its first line of output when it exits non-zero. */
  public String require(String command, Duration timeout, String what) {
    Result r = run(command, timeout);
    if (!r.ok()) {
      throw new DbException("host " + host + ": " + what + ": " + r.firstLine());
    }
    return r.out();
  }

  /** Uploads {@code local} to {@code remote} (through a sibling file, then a rename). */
  public void upload(Path local, String remote) {
    sftp(
        ch -> {
          ch.put(local.toString(), remote + ".part");
          ch.rename(remote + ".part", remote);
        },
        "cannot upload " + local + " to " + remote);
  }

  /** Downloads {@code remote} into {@code local}; nothing when {@code remote} does not exist. */
  public void download(String remote, Path local) {
    sftp(
        ch -> {
          try {
            ch.stat(remote);
          } catch (SftpException e) {
            return;
          }
          Files.createDirectories(local.toAbsolutePath().getParent());
          ch.get(remote, local.toString());
        },
        "cannot download " + remote);
  }

  private interface SftpCall {
    void run(ChannelSftp ch) throws Exception;
  }

  private void sftp(SftpCall call, String what) {
    ChannelSftp ch = null;
    try {
      ch = (ChannelSftp) session.openChannel("sftp");
      ch.connect(10_000);
      call.run(ch);
    } catch (Exception e) {
      throw new DbException("host " + host + ": " + what + ": " + e.getMessage());
    } finally {
      if (ch != null) {
        ch.disconnect();
      }
    }
  }

  /** A port on this machine's 127.0.0.1 that the connection forwards to {@code port} on the host's 127.0.0.1. */
  public int forward(int port) {
    try {
      return session.setPortForwardingL("127.0.0.1", 0, "127.0.0.1", port);
    } catch (JSchException e) {
      throw new DbException(
          "host " + host + ": cannot forward port " + port + ": " + e.getMessage());
    }
  }

  private static String brief(String command) {
    String first = command.strip().lines().findFirst().orElse("");
    return first.length() > 60 ? first.substring(0, 60) + "…" : first;
  }

  @Override
  public void close() {
    session.disconnect();
  }

  @Override
  public String toString() {
    return "host " + host;
  }
}
