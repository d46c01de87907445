package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A storefront with broken configuration does not start, and the failure names every bad key. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisconfiguredDeploymentIT {
  private static final String NAME = "misconfigured";
  /** A seal secret too short to accept, and a string no message has any other reason to contain. */
  private static final String SECRET = "Canary-7f3Kq9";

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.storefront(NAME, Map.of(
        "checkout-bridge.seal-secret", SECRET,
        "checkout-bridge.datasource", "java:jboss/datasources/NoSuchDS",
        "checkout-bridge.storefront.failure-url", "javascript:alert(1)"));
  }

  @ArquillianResource
  Deployer deployer;

  @Test
  void theDeploymentFailsNamingEveryInvalidKey() {
    Throwable failure = catchThrowable(() -> deployer.deploy(NAME));
    try {
      assertThat(failure).isNotNull();
      StringBuilder messages = new StringBuilder();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append('\n');
      }
      assertThat(messages.toString())
          .contains("checkout-bridge.seal-secret is too short")
          .contains("checkout-bridge.storefront.failure-url is invalid")
          .contains("checkout-bridge.datasource is invalid: no DataSource is bound at java:jboss/datasources/NoSuchDS")
          // anywhere in any message of the chain, not only at the end of one
          .doesNotContain(SECRET)
          .doesNotContain(SECRET.substring(0, 8));
    } finally {
      try {
        deployer.undeploy(NAME);
      } catch (RuntimeException notDeployed) {
        // nothing to undeploy
      }
    }
  }
}
