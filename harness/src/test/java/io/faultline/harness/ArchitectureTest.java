package io.faultline.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The harness's package structure: no package cycles, and the plugin contracts ({@code spi}) beneath everything that
 * runs a test, so that a plugin never depends on the code that runs it.
 */
class ArchitectureTest {
  private static final JavaClasses HARNESS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.faultline.harness");

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("io.faultline.harness.(**)").should().beFreeOfCycles().check(HARNESS);
  }

  @Test
  void thePluginContractsDependOnlyOnTheValuePackages() {
    noClasses()
        .that()
        .resideInAPackage("io.faultline.harness.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.faultline.harness.runner..",
            "io.faultline.harness.store..",
            "io.faultline.harness.report..",
            "io.faultline.harness.cli..",
            "io.faultline.harness.cluster..",
            "io.faultline.harness.junit..",
            "io.faultline.harness.bench..")
        .check(HARNESS);
  }

  @Test
  void theInterpreterStoreAndReportKnowTheContractsNotTheRunner() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.faultline.harness.runner.interpreter..",
            "io.faultline.harness.store..",
            "io.faultline.harness.report..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.faultline.harness.runner")
        .check(HARNESS);
  }

  @Test
  void theValuePackagesKnowNothingOfTestsOrPlugins() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.faultline.harness.history..",
            "io.faultline.harness.checker..",
            "io.faultline.harness.generator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.faultline.harness.spi..",
            "io.faultline.harness.runner..",
            "io.faultline.harness.store..",
            "io.faultline.harness.report..",
            "io.faultline.harness.cli..",
            "io.faultline.harness.cluster..")
        .check(HARNESS);
  }
}
