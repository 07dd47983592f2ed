package io.faultline.raft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The store's package structure, after MicroRaft: the public API ({@code io.faultline.raft}) is separate from
 * {@code impl}, which implements it; only {@link RaftNode}'s builder names the implementation it builds.
 */
class ArchitectureTest {
  private static final JavaClasses RAFT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.faultline.raft");

  @Test
  void theApiDoesNotDependOnItsImplementationButToBuildIt() {
    noClasses()
        .that()
        .resideInAPackage("io.faultline.raft")
        .and()
        .doNotHaveFullyQualifiedName(RaftNode.class.getName())
        .and()
        .areNotNestedClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.faultline.raft.impl..")
        .check(RAFT);
  }

  @Test
  void theCoreKnowsNothingOfTheNodeProcessOrTheClientLibrary() {
    noClasses()
        .that()
        .resideInAnyPackage("io.faultline.raft.impl..", "io.faultline.raft.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.faultline.raft.node..", "io.faultline.raft.client..")
        .check(RAFT);
  }
}
