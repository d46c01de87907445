package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin's operations pages in Chromium: the needs-attention list (why, what to do, a link to
 * the payment) and the providers' self-test. Screenshots are saved under {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsBrowserIT {
  static final String NAME = "ops-browser";
  private static AdminBrowser browser;

  private final AdminClient fixture = AdminClient.admin(NAME);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return AdminApiIT.adminStorefront(NAME);
  }

  @BeforeAll
  static void startBrowser() {
    browser = new AdminBrowser();
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theNeedsAttentionPageListsAnUnfinishedCheckoutWithWhyAndWhatToDoAndLinksToIt() throws Exception {
    String order = "LEFT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    String id = fixture.createPayment(order, "Grace", "Hopper", "grace.hopper@example.com", "started");
    fixture.createPayment("DONE-" + UUID.randomUUID().toString().substring(0, 6), "Ada", "Lovelace",
        "ada@example.com", "authorized");

    browser.signIn(Deployments.baseUrl(NAME), AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
    browser.find("a[href='attention.html']").click();
    browser.waitForText("#message", "Nothing needs attention.");
    new Select(browser.find("#olderThan")).selectByValue("PT0S");
    browser.find("#limit button[type=submit]").click();
    browser.waitForText("#payments tbody", order);

    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#payments tbody tr"));
    WebElement row = rows.stream().filter(r -> r.getText().contains(order)).findFirst().orElseThrow();
    assertThat(row.getText()).contains("Started and not finished").contains("Refresh from provider")
        .doesNotContain("[object");
    // Other tests' payments share the server's database: the count is at least this one.
    assertThat(browser.find("#message").getText()).matches("(1 payment needs|\\d+ payments need) attention\\.");
    assertThat(browser.driver.findElement(By.id("payments")).getText()).doesNotContain("DONE-");
    browser.screenshot("admin-needs-attention");

    row.findElement(By.linkText(order)).click();
    browser.waitForText("#payment .page-head h1", order);
    assertThat(browser.driver.getCurrentUrl()).endsWith("payment.html?id=" + id);
  }

  @Test
  void theSelfTestPageShowsEachProviderAndSaysWhenOneHasNoSelfTest() {
    browser.signIn(Deployments.baseUrl(NAME), AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
    browser.find("a[href='self-test.html']").click();
    browser.waitForText("#results tbody", "Not checked");
    assertThat(browser.find("#results tbody").getText()).contains("no self-test");
    browser.screenshot("admin-self-test");
  }
}
