package io.faultline.nemesis.toxiproxy.proxy;

/**
 * A request the Toxiproxy API refuses, with the HTTP status and the message Toxiproxy gives for it. The messages are
 * part of the contract: clients show them, and some match on them.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the response. */
  public int status() {
    return status;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, message);
  }
}
