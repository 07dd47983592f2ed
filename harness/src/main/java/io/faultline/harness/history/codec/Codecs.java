package io.faultline.harness.history.codec;

import io.faultline.harness.history.MalformedHistoryException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Helpers shared by the codecs. */
final class Codecs {
  private Codecs() {}

  /** A one-line error for a file that could not be read at all. */
  static MalformedHistoryException cannotRead(String source, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (e instanceof CharacterCodingException) {
      why = "not UTF-8 text";
    } else if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
      why = "is a directory";
    } else {
      why = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
    return new MalformedHistoryException(source, 0, "cannot read the file: " + why);
  }
}
