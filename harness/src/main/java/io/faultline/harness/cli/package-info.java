/**
 * The {@code ./faultline} command line, on picocli. Each subcommand is one class. User errors (a bad flag, a malformed
 * file, an unknown model) end in one line on stderr and exit code 3; verdicts map to exit codes as in Jepsen: 0 valid,
 * 1 invalid, 2 unknown.
 */
package io.faultline.harness.cli;
