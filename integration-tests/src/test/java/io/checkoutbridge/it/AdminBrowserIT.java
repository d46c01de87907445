package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The admin pages in Chromium against WildFly: sign in, find a payment, capture by lines, refund
 * with a reason, void the rest, a customer named like a script shown as text, a double click that
 * captures once, the engine's refusal shown in the form, and the pages at phone width.
 * Screenshots are saved under {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBrowserIT {
  static final String NAME = "admin-browser";
  private static final String SCRIPT_NAME = "<script>alert(1)</script>";
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

  private static String base() {
    return Deployments.baseUrl(NAME);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  }

  private void openPayment(String id) {
    browser.open(base() + "/payments/admin/payment.html?id=" + id);
    browser.find("#payment .page-head h1");
  }

  private void search(String text) {
    WebElement q = browser.find("#q");
    q.clear();
    q.sendKeys(text, Keys.ENTER);
  }

  private List<WebElement> rows() {
    browser.waitUntil("document.querySelector('#payments').getAttribute('aria-busy') === null");
    return browser.driver.findElements(By.cssSelector("#payments tbody tr"));
  }

  private String stat(String label) {
    for (WebElement stat : browser.driver.findElements(By.cssSelector("dl.stats .stat"))) {
      if (stat.findElement(By.tagName("dt")).getText().equalsIgnoreCase(label)) {
        return stat.findElement(By.tagName("dd")).getText();
      }
    }
    throw new AssertionError("no ledger figure " + label);
  }

  private void assertNoAlert() {
    assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  @Order(1)
  void signsInAndFindsAPaymentByReferenceNameOrEmail() throws Exception {
    String order = unique("SHOP");
    String id = fixture.createPayment(order, "Margaret", "Hamilton", "margaret.hamilton@example.com", "authorized");
    fixture.createPayment(unique("SHOP"), "Katherine", "Johnson", "katherine.johnson@example.com", "authorized");
    fixture.createPayment(unique("SHOP"), "Dorothy", "Vaughan", "dorothy.vaughan@example.com", "started");

    browser.signIn(base(), AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
    browser.waitForText("#user", "Signed in as " + AdminClient.ADMIN);
    assertThat(rows()).hasSizeGreaterThanOrEqualTo(3);
    browser.screenshot("admin-list");

    for (String text : List.of(order, "margaret ham", "MARGARET.HAMILTON@example.com")) {
      search(text);
      browser.waitUntil("document.querySelectorAll('#payments tbody tr').length === 1");
      WebElement row = rows().get(0);
      assertThat(row.getText()).contains(order, "Margaret Hamilton", "margaret.hamilton@example.com", "53.95 GBP",
          "Authorized");
    }
    browser.screenshot("admin-list-search");
    browser.driver.findElement(By.linkText(order)).click();
    browser.waitForText("#payment .page-head h1", order);
    assertThat(browser.driver.getCurrentUrl()).endsWith("payment.html?id=" + id);
  }

  @Test
  @Order(2)
  void capturesByLinesRefundsWithAReasonAndVoidsTheRest() throws Exception {
    String order = unique("SHOP");
    String id = fixture.createPayment(order, "Grace", "Hopper", "grace.hopper@example.com", "authorized");
    int captures = fixture.providerCalls("CAPTURE");
    int refunds = fixture.providerCalls("REFUND");
    int voids = fixture.providerCalls("VOID");
    openPayment(id);
    assertThat(stat("Authorized")).isEqualTo("53.95 GBP");

    // Capture the chair (1 of 2) and the delivery.
    browser.driver.findElement(By.cssSelector("label[for='capture-mode-lines']")).click();
    browser.find("#capture-line-l1").sendKeys("1");
    browser.find("#capture-line-s1").sendKeys("1");
    browser.find("#capture-reason").sendKeys("First parcel shipped: one chair and the delivery");
    browser.driver.findElement(By.cssSelector("form[data-action='capture'] button[type='submit']")).click();
    browser.waitForText("#message", "Captured 16.95 GBP.");
    assertThat(stat("Captured")).isEqualTo("16.95 GBP");
    assertThat(browser.find(".page-head .badge").getText()).isEqualTo("Partially captured");
    WebElement chair = browser.driver.findElement(By.xpath("//table[contains(@class,'lines')]//tr[td//text()='Ergonomic chair']"));
    assertThat(chair.getText()).contains("1 · 12.00 GBP");

    // Refund 5.00 with the keyboard only: choose the mode, type, press Enter.
    WebElement amountMode = browser.find("#refund-mode-amount");
    amountMode.sendKeys(Keys.SPACE);
    browser.find("#refund-reason").sendKeys("Chair arrived scratched");
    browser.find("#refund-amount").sendKeys("5.00", Keys.ENTER);
    browser.waitForText("#message", "Refunded 5.00 GBP.");
    assertThat(stat("Refunded")).isEqualTo("5.00 GBP");
    browser.screenshot("admin-payment");

    // Void what is left.
    assertThat(browser.find("#void-title").getText()).isEqualTo("Void the remainder");
    browser.find("#void-reason").sendKeys("Rest of the order cancelled: out of stock");
    browser.driver.findElement(By.cssSelector("form[data-action='void'] button[type='submit']")).click();
    browser.waitForText("#message", "Voided 37.00 GBP.");
    assertThat(stat("Voided")).isEqualTo("37.00 GBP");
    assertThat(browser.find(".page-head .badge").getText()).isEqualTo("Partially refunded");
    assertThat(browser.driver.findElements(By.cssSelector("form[data-action='capture']"))).isEmpty();

    String history = browser.find("table.history").getText();
    assertThat(history).contains("First parcel shipped: one chair and the delivery", "Chair arrived scratched",
        "Rest of the order cancelled: out of stock", AdminClient.ADMIN, "Captured", "Refunded", "Voided",
        "Ergonomic chair × 1: 12.00 GBP", "Standard delivery × 1: 4.95 GBP");
    assertThat(fixture.providerCalls("CAPTURE")).isEqualTo(captures + 1);
    assertThat(fixture.providerCalls("REFUND")).isEqualTo(refunds + 1);
    assertThat(fixture.providerCalls("VOID")).isEqualTo(voids + 1);

    // The provider's own view, on demand.
    browser.find("#refresh").click();
    browser.waitForText("#message", "Refreshed from Scripted test provider.");
    String view = browser.find(".provider-view").getText();
    assertThat(view).contains("Matches this payment; applied to the ledger", "16.95 GBP", "5.00 GBP", "37.00 GBP");
    browser.screenshot("admin-payment-closed");
  }

  @Test
  @Order(3)
  void aCustomerNamedLikeAScriptIsShownAsText() throws Exception {
    String order = unique("XSS");
    String id = fixture.createPayment(order, null, SCRIPT_NAME, "<b>bold</b>@example.com", "authorized");
    browser.open(base() + "/payments/admin/?q=" + order);
    browser.waitUntil("document.querySelectorAll('#payments tbody tr').length === 1");
    WebElement name = browser.find("#payments tbody .customer-name");
    assertThat(name.getText()).isEqualTo(SCRIPT_NAME);
    assertThat(browser.find("#payments tbody .customer-email").getText()).isEqualTo("<b>bold</b>@example.com");
    assertThat(browser.driver.findElements(By.cssSelector("#payments tbody script, #payments tbody b"))).isEmpty();
    assertNoAlert();
    browser.screenshot("admin-list-script-name");

    openPayment(id);
    assertThat(browser.find("dl.details .customer-name").getText()).isEqualTo(SCRIPT_NAME);
    assertThat(browser.driver.findElements(By.cssSelector("#payment script, #payment b"))).isEmpty();
    assertNoAlert();
  }

  @Test
  @Order(4)
  void aDoubleClickOnCaptureCapturesOnce() throws Exception {
    String id = fixture.createPayment(unique("DBL"));
    int captures = fixture.providerCalls("CAPTURE");
    openPayment(id);
    browser.find("#capture-reason").sendKeys("Shipped in full");
    WebElement button = browser.driver.findElement(By.cssSelector("form[data-action='capture'] button[type='submit']"));
    new Actions(browser.driver).doubleClick(button).perform();
    browser.waitForText("#message", "Captured 53.95 GBP.");
    assertThat(fixture.providerCalls("CAPTURE")).isEqualTo(captures + 1);
    assertThat(browser.driver.findElements(By.cssSelector("table.history tr[data-kind='CAPTURED']"))).hasSize(1);
    assertThat(stat("Captured")).isEqualTo("53.95 GBP");
  }

  @Test
  @Order(5)
  void askingForMoreThanIsOpenShowsTheEnginesMessageAndChangesNothing() throws Exception {
    String id = fixture.createPayment(unique("OVER"));
    openPayment(id);
    browser.driver.findElement(By.cssSelector("label[for='capture-mode-amount']")).click();
    browser.find("#capture-amount").sendKeys("60.00");
    browser.find("#capture-reason").sendKeys("Too much");
    browser.driver.findElement(By.cssSelector("form[data-action='capture'] button[type='submit']")).click();
    WebElement error = browser.waitForText("form[data-action='capture'] .form-error",
        "Cannot capture 60.00 GBP: at most 53.95 GBP is open.");
    assertThat(error.getAttribute("role")).isEqualTo("alert");
    assertThat(browser.find("#capture-amount").getAttribute("value")).as("the form keeps what was typed").isEqualTo("60.00");
    assertThat(stat("Captured")).isEqualTo("0.00 GBP");
    assertThat(fixture.payment(id).path("events")).hasSize(2);

    // Without a reason the server says so, and nothing moves either.
    browser.find("#capture-amount").clear();
    browser.find("#capture-amount").sendKeys("10.00");
    browser.find("#capture-reason").clear();
    browser.driver.findElement(By.cssSelector("form[data-action='capture'] button[type='submit']")).click();
    browser.waitForText("form[data-action='capture'] .form-error", "A reason is required.");
    assertThat(fixture.payment(id).path("events")).hasSize(2);
  }

  @Test
  @Order(6)
  void everyControlIsLabelledAndThePagesFitAPhone() throws Exception {
    String id = fixture.createPayment(unique("PHONE"), "Hedy", "Lamarr", "hedy.lamarr@example.com", "authorized");
    openPayment(id);
    assertThat((List<?>) browser.script("return [...document.querySelectorAll('input:not([type=hidden]), select,"
        + " textarea')].filter(c => c.labels.length === 0).map(c => c.id)")).isEmpty();
    assertThat(browser.script("return document.querySelectorAll('[onclick], div[role=button]').length")).isEqualTo(0L);

    browser.resize(390, 844);
    try {
      browser.find("#payment .page-head h1");
      assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
      browser.screenshot("admin-payment-phone");
      browser.open(base() + "/payments/admin/");
      rows();
      assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
      browser.screenshot("admin-list-phone");
    } finally {
      browser.resize(AdminBrowser.DESKTOP_WIDTH, AdminBrowser.DESKTOP_HEIGHT);
    }
  }

  @Test
  @Order(7)
  void aBrowserThatHasNotSignedInSeesNoPayments() throws Exception {
    try (AdminBrowser stranger = new AdminBrowser()) {
      stranger.open(base() + "/payments/admin/");
      assertThat(stranger.driver.findElements(By.cssSelector("#payments"))).isEmpty();
      assertThat(stranger.driver.getPageSource()).doesNotContain("Payments admin");
    }
  }
}
