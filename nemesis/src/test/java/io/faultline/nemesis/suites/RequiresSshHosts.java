package io.faultline.nemesis.suites;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips each test of an SSH suite, with the reason, where no Docker engine can give it host containers. */
final class RequiresSshHosts implements ExecutionCondition {
  private static volatile java.util.Optional<String> why;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (why == null) {
      why = SshHosts.unavailable();
    }
    return why.map(w -> ConditionEvaluationResult.disabled("no SSH host containers: " + w))
        .orElse(ConditionEvaluationResult.enabled("a Docker engine gives host containers"));
  }
}
