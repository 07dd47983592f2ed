package io.faultline.nemesis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The nemesis module's package structure: the family packages ({@code net}, {@code clock}, {@code process}) build on
 * {@code family} and never on each other's composition; the root package composes them and nothing depends on it.
 */
class ArchitectureTest {
  private static final JavaClasses NEMESIS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.faultline.nemesis");

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("io.faultline.nemesis.(**)").should().beFreeOfCycles().check(NEMESIS);
  }

  @Test
  void nothingDependsOnTheRootPackageThatComposesTheFamilies() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.faultline.nemesis")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.faultline.nemesis")
        .check(NEMESIS);
  }

  @Test
  void theGenericNemesisKnowsNoSystemUnderTest() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.faultline.workloads..", "io.faultline.raft..")
        .check(NEMESIS);
  }
}
