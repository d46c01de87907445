package io.checkoutbridge.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Packages depend downwards only: no two packages of the plugin reach each other, directly or round about. */
class PackageCyclesTest {
  /** This module's compiled main classes only: the API jar has its own rules. */
  private static final JavaClasses PLUGIN = new ClassFileImporter().importPath(mainClasses());

  private static Path mainClasses() {
    try {
      return Path.of(CheckoutBridgeRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void noPackageOfThePluginDependsOnOneThatDependsOnIt() {
    EvaluationResult result = slices().matching("io.checkoutbridge.(**)").should().beFreeOfCycles()
        .evaluate(PLUGIN);
    assertThat(result.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void theImportSeesTheWholePlugin() {
    // Guards the test above against passing on an empty or partial import.
    assertThat(PLUGIN.containPackage("io.checkoutbridge.web")).isTrue();
    assertThat(PLUGIN.containPackage("io.checkoutbridge.cdi")).isTrue();
    assertThat(PLUGIN.containPackage("io.checkoutbridge.provider.support")).isTrue();
    assertThat(PLUGIN.containPackage("io.checkoutbridge.store")).isTrue();
    assertThat(PLUGIN.stream().filter(c -> c.getPackageName().startsWith("io.checkoutbridge.api"))).isEmpty();
  }
}
