package io.faultline.harness.spi.db;

/** The cluster could not be started or controlled. The message is fit to show a user. */
public final class DbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DbException(String message) {
    super(message);
  }

  public DbException(String message, Throwable cause) {
    super(message, cause);
  }
}
