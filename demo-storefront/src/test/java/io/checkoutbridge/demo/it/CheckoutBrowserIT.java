package io.checkoutbridge.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutbridge.demo.launcher.DemoLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * A shopper in Chromium buys from the demo shop with every provider, through the sandbox (its
 * hosted page, or the shop's card form for server-side authorisation), and sees the order page turn
 * paid; a declined payment comes back to the checkout and the same order is then paid with a second
 * attempt.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutBrowserIT {
  private static final Set<String> PAID = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED", "CAPTURED");
  private static final Duration PAGE_LIMIT = Duration.ofSeconds(30);
  private static final String CARD = "4111 1111 1111 1111";
  private static final String DECLINED_CARD = "4000 0000 0000 0002";

  private static DemoServer demo;
  private static Browser browser;

  /** The providers the demo enables, in the order the checkout offers them. */
  static List<String> providers() {
    return List.of("dintero", "hokodo", "felloh", "kibo");
  }

  @BeforeAll
  static void start() throws Exception {
    demo = DemoServer.shared();
    browser = Browser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void theCheckoutOffersEveryEnabledProviderWithWhatItNeeds() throws Exception {
    fillBasket();
    browser.driver.get(demo.shopUrl() + "checkout");
    List<String> offered = browser.driver.findElements(By.cssSelector("input[name=provider]")).stream()
        .map(e -> e.getAttribute("value")).toList();
    assertThat(offered).containsExactlyElementsOf(providers());
    assertThat(browser.find("#place-order").getText()).contains("£");
    assertThat(browser.find("#cardNumber").isDisplayed()).as("card form hidden until Kibo is chosen").isFalse();
    browser.find("#provider-kibo").click();
    assertThat(browser.find("#cardNumber").isDisplayed()).isTrue();
    assertThat(browser.find("#cardNumber").getAttribute("autocomplete")).isEqualTo("cc-number");
    browser.find("#provider-dintero").click();
    browser.screenshot("checkout");
  }

  @Order(2)
  @ParameterizedTest(name = "buy with {0}")
  @MethodSource("providers")
  void aShopperPaysWithTheProviderAndTheOrderPageTurnsPaid(String provider) throws Exception {
    fillBasket();
    String reference = checkout(provider, true);
    WebElement status = awaitStatus(PAID);
    assertThat(status.getText()).isEqualTo("Paid");
    assertThat(browser.find("#shop-state").getAttribute("data-state")).isEqualTo("PAID");
    assertThat(browser.driver.findElements(By.cssSelector("table.attempts tbody tr"))).hasSize(1);
    assertThat(browser.driver.getTitle()).contains(reference);
    assertThat(browser.driver.getPageSource()).doesNotContain("4111");
    if (provider.equals(providers().get(0))) {
      browser.screenshot("order-paid");
    }
    browser.driver.get(demo.shopUrl() + "cart");
    assertThat(browser.find("main").getText()).as("the bought basket is emptied").contains("Your basket is empty");
  }

  @Order(3)
  @ParameterizedTest(name = "declined by {0}, then paid")
  @MethodSource("providers")
  void aDeclinedPaymentReturnsToTheCheckoutAndTheSameOrderIsPaidWithASecondAttempt(String provider) throws Exception {
    fillBasket();
    checkout(provider, false);
    if (provider.equals("kibo")) {
      assertThat(browser.find("#checkout-problem").getText()).contains("declined").contains("0002")
          .doesNotContain("4000");
      assertThat(browser.find("#cardNumber").getAttribute("value")).as("card data never written back").isEmpty();
    } else {
      assertThat(browser.find("#checkout-notice").getText()).contains("declined");
    }

    checkout(provider, true);
    awaitStatus(PAID);
    assertThat(browser.driver.findElements(By.cssSelector("table.attempts tbody tr"))).hasSize(2);
  }

  @Test
  @Order(3)
  void theAdminSaysKiboSettlesItsPaymentAndRefreshShowsKibosOrder() throws Exception {
    fillBasket();
    String reference = checkout("kibo", true);
    awaitStatus(PAID);
    String paymentPage = browser.find("table.attempts a.admin-payment").getAttribute("href");

    browser.driver.get(withAdminCredentials(paymentPage));
    browser.driver.get(paymentPage);
    until(d -> d.findElement(By.cssSelector("#payment .page-head h1")).getText().contains(reference));
    assertThat(browser.find(".open-amounts").getText()).contains("Kibo OMS settles this payment itself")
        .doesNotContain("Open to capture");
    browser.find("#refresh").click();
    String view = until(d -> d.findElement(By.cssSelector(".provider-view")).getText());
    assertThat(view).contains("Kibo order").contains("READY").contains("Kibo OMS settles the order itself");
  }

  @Test
  @Order(3)
  void aPaymentHeldByTheProviderShowsPendingUntilTheProviderDecides() throws Exception {
    fillBasket();
    browser.driver.get(demo.shopUrl() + "checkout");
    browser.find("#provider-dintero").click();
    browser.find("#place-order").click();
    until(d -> d.getCurrentUrl().contains("/sandbox/dintero/pay/"));
    String hostedPage = browser.driver.getCurrentUrl();
    browser.find("#hold").click();

    // The plugin's waiting page, then the shop's order page: pending, and the page keeps asking.
    until(d -> d.getCurrentUrl().contains("/payments/pending"));
    String reference = browser.find("main strong").getText();
    browser.driver.get(demo.shopUrl() + "orders/" + reference);
    WebElement pending = awaitStatus(Set.of("PENDING"));
    assertThat(pending.getText()).isEqualTo("Pending");
    assertThat(browser.find("#shop-state").getAttribute("data-state")).isEqualTo("AWAITING_PAYMENT");
    assertThat(browser.find("meta[http-equiv=refresh]").getAttribute("content")).isEqualTo("3");

    // The provider approves the held payment; its callback turns the order paid while the page refreshes.
    browser.driver.get(hostedPage);
    browser.find("#approve").click();
    // Leaving before the decision's page has loaded could cancel the form post itself.
    until(d -> d.findElement(By.id("status")).getText().contains("AUTHORIZED"));
    browser.driver.get(demo.shopUrl() + "orders/" + reference);
    assertThat(awaitStatus(PAID).getText()).isEqualTo("Paid");
    assertThat(browser.find("#shop-state").getAttribute("data-state")).isEqualTo("PAID");
  }

  /** The providers whose payments staff capture and refund in the admin (Kibo OMS settles itself). */
  static List<String> capturingProviders() {
    return List.of("dintero", "hokodo", "felloh");
  }

  @Order(4)
  @ParameterizedTest(name = "captured and refunded in the admin: {0}")
  @MethodSource("capturingProviders")
  void staffCaptureAndRefundInTheAdminAndTheOrderPageTurnsRefunded(String provider) throws Exception {
    fillBasket();
    String reference = checkout(provider, true);
    awaitStatus(PAID);
    String orderPage = browser.driver.getCurrentUrl();
    String paymentPage = browser.find("table.attempts a.admin-payment").getAttribute("href");

    // HTTP Basic without a dialog: one visit with the credentials in the address (the browser then
    // sends them by itself), then the page at its plain address, from where its scripts may call the API.
    browser.driver.get(withAdminCredentials(paymentPage));
    browser.driver.get(paymentPage);
    until(d -> d.findElement(By.cssSelector("#payment .page-head h1")).getText()
        .contains(reference));
    adminAction("capture", "Dispatched in full", "Captured");
    adminAction("refund", "Returned by the customer", "Refunded");
    if (provider.equals("dintero")) {
      browser.screenshot("admin-refunded");
    }

    browser.driver.get(orderPage);
    WebElement status = awaitStatus(Set.of("REFUNDED"));
    assertThat(status.getText()).isEqualTo("Refunded");
    assertThat(browser.find("#shop-state").getAttribute("data-state")).isEqualTo("REFUNDED");
  }

  /**
   * A Felloh refund that waits for approval at Felloh: the admin shows it as awaiting approval at
   * Felloh with Felloh's two actions; declined, it is released; authorised, the order turns refunded.
   */
  @Test
  @Order(4)
  void aFellohRefundAwaitingApprovalIsDeclinedThenAuthorisedFromTheAdmin() throws Exception {
    fillBasket();
    checkout("felloh", true);
    awaitStatus(PAID);
    String orderPage = browser.driver.getCurrentUrl();
    String paymentPage = browser.find("table.attempts a.admin-payment").getAttribute("href");
    browser.driver.get(withAdminCredentials(paymentPage));
    browser.driver.get(paymentPage);
    adminAction("capture", "Dispatched in full", "Captured");
    fellohApprovalAbove(0); // every refund now waits for approval at Felloh
    try {
      until(d -> d.findElement(By.id("refund-reason"))).sendKeys("Returned by the customer");
      browser.find("form[data-action='refund'] button[type='submit']").click();
      until(d -> d.findElement(By.cssSelector("button[data-approval='decline']"))).click();
      until(d -> d.findElements(By.cssSelector("button[data-approval]")).isEmpty()
          && d.findElement(By.cssSelector(".page-head .badge")).getText().equals("Captured"));

      until(d -> d.findElement(By.id("refund-reason"))).sendKeys("Returned after all");
      browser.find("form[data-action='refund'] button[type='submit']").click();
      WebElement waiting = until(d -> d.findElement(By.cssSelector("ul.approvals li")));
      assertThat(waiting.getText()).contains("awaiting approval at Felloh");
      browser.find("button[data-approval='authorise']").click();
      until(d -> d.findElement(By.cssSelector(".page-head .badge")).getText().equals("Refunded"));
    } finally {
      fellohApprovalAbove(10_000);
    }
    browser.driver.get(orderPage);
    assertThat(awaitStatus(Set.of("REFUNDED")).getText()).isEqualTo("Refunded");
  }

  private static void fellohApprovalAbove(long minorUnits) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI settings = URI.create(demo.shopUrl() + "sandbox/felloh/_settings");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(settings).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"refund_approval_above\":" + minorUnits + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void theProvidersCallbacksReachedThePluginAndWereAccepted() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ObjectMapper json = new ObjectMapper();
    for (String provider : List.of("dintero", "hokodo", "felloh")) { // Kibo decides at once and sends none
      URI journal = URI.create(demo.journalUrl() + "?direction=out&provider=" + provider);
      JsonNode sent = null;
      for (int i = 0; i < 40; i++) {
        sent = json.readTree(http.send(HttpRequest.newBuilder(journal).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body());
        if (sent.size() > 0 && statuses(sent).stream().allMatch(s -> s == 200)) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(sent).as("%s's callbacks", provider).isNotEmpty();
      assertThat(statuses(sent)).as("%s's callbacks answered", provider).allMatch(s -> s == 200);
    }
  }

  /** The HTTP status the plugin answered to each callback the sandbox sent. */
  private static List<Integer> statuses(JsonNode journal) {
    List<Integer> statuses = new java.util.ArrayList<>();
    journal.forEach(entry -> statuses.add(entry.path("status").asInt()));
    return statuses;
  }

  /** A new shopper (a fresh session) with a lamp, two books and the spring discount. */
  private static void fillBasket() {
    browser.driver.get(demo.shopUrl());
    browser.driver.manage().deleteAllCookies();
    browser.driver.get(demo.shopUrl());
    browser.find("button[data-sku=LAMP-OAK]").click();
    until(d -> d.getCurrentUrl().endsWith("/cart"));
    browser.driver.get(demo.shopUrl());
    WebElement quantity = browser.find("#qty-BOOK-BIRDS");
    quantity.clear();
    quantity.sendKeys("2");
    browser.find("button[data-sku=BOOK-BIRDS]").click();
    until(d -> d.getCurrentUrl().endsWith("/cart"));
    WebElement code = browser.find("#code");
    code.clear();
    code.sendKeys("spring10");
    code.submit();
    until(d -> d.findElement(By.cssSelector(".totals")).getText().contains("SPRING10"));
  }

  /**
   * Checks out with {@code provider} and approves or declines the payment the way the shopper does
   * with that provider; returns the order reference of a paid order, or {@code null} after a decline.
   */
  private static String checkout(String provider, boolean approve) {
    browser.driver.get(demo.shopUrl() + "checkout");
    browser.find("#provider-" + provider).click();
    switch (provider) {
      case "kibo" -> { // the shop's own card form, authorised server to server
        browser.find("#cardNumber").sendKeys(approve ? CARD : DECLINED_CARD);
        browser.find("#cardExpiryMonth").sendKeys("12");
        // three years ahead of the real clock, which the card check uses: never an expired card
        browser.find("#cardExpiryYear").sendKeys(Integer.toString(java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 3));
        browser.find("#cardCvc").sendKeys("123");
        browser.find("#place-order").click();
      }
      case "dintero" -> hostedPage("/sandbox/dintero/pay/", approve ? "#approve" : "#decline");
      case "hokodo" -> { // the company comes with the form (the demo's company is known to the sandbox)
        assertThat(browser.find("#companyNumber").getAttribute("value")).isEqualTo("01234567");
        hokodoElement(approve);
      }
      case "felloh" -> {
        if (fellohEmbedded()) {
          fellohIframe(approve ? "#card" : "#decline");
        } else {
          hostedPage("/sandbox/felloh/pay/", approve ? "#card" : "#decline");
        }
      }
      default -> throw new AssertionError("no browser script for " + provider);
    }
    if (!approve) {
      // The embedded forms (Hokodo's element, Felloh's iframe) are paid on the checkout page itself,
      // so the address alone does not show that the decline has come back: wait for its message.
      until(d -> d.getCurrentUrl().contains("/shop/checkout")
          && !d.findElements(By.cssSelector("#checkout-notice, #checkout-problem")).isEmpty());
      return null;
    }
    until(d -> d.getCurrentUrl().contains("/shop/orders/"));
    String url = browser.driver.getCurrentUrl();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /**
   * The Felloh mode the demo was started in ({@code demo.felloh.checkout-mode}): Felloh's iframe in
   * the shop's page (default), or a payment link's hosted page.
   */
  private static boolean fellohEmbedded() {
    return !"payment-link".equals(System.getProperty("demo.felloh.checkout-mode", "embedded"));
  }

  /**
   * Felloh's iframe in the shop's own page: the shopper stays on the shop, presses the button in the
   * frame, the frame tells the page by postMessage, and the page posts to the plugin's return URL.
   */
  private static void fellohIframe(String button) {
    browser.find("#place-order").click();
    WebElement frame = until(d -> d.findElement(By.cssSelector("#felloh-payment iframe")));
    assertThat(browser.driver.getCurrentUrl()).as("the shopper stays on the shop").contains("/shop/checkout");
    assertThat(frame.getAttribute("src")).contains("/sandbox/felloh/embed/").doesNotContain("return_url");
    browser.driver.switchTo().frame(frame);
    until(d -> d.findElement(By.cssSelector(button))).click();
    browser.driver.switchTo().defaultContent();
  }

  /** Waits for a page that may still be loading or refreshing itself. */
  private static <T> T until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
    return browser.waiting(PAGE_LIMIT)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(condition::apply);
  }

  /** Submits the admin's {@code action} form for everything that is open and waits for the badge. */
  private static void adminAction(String action, String reason, String badge) {
    until(d -> d.findElement(By.id(action + "-reason"))).sendKeys(reason);
    browser.find("form[data-action='" + action + "'] button[type='submit']").click();
    until(d -> d.findElement(By.cssSelector(".page-head .badge")).getText().equals(badge));
  }

  /** The address with the demo's admin user in it. */
  private static String withAdminCredentials(String url) {
    return url.replaceFirst("^http://", "http://" + DemoLauncher.ADMIN_USER + ":" + DemoLauncher.ADMIN_PASSWORD + "@");
  }

  /**
   * The demo runs Hokodo in embedded mode: Hokodo's checkout element is mounted in the shop's own
   * page (the sandbox's stand-in for Hokodo's SDK, which refuses anything but the offer object as
   * {@code paymentOffer}, as Hokodo's plugin passes it), and the shopper accepts or rejects a plan
   * there without leaving the shop.
   */
  private static void hokodoElement(boolean approve) {
    browser.find("#place-order").click();
    String button = approve ? "hokodo-accept" : "hokodo-reject";
    until(d -> d.findElement(By.id(button)).isDisplayed());
    assertThat(browser.driver.getCurrentUrl()).as("still in the shop's page").contains("/shop/checkout");
    assertThat(browser.find("#hokodoCheckout").getAttribute("data-hokodo-status")).isEqualTo("mounted");
    browser.find("#" + button).click();
  }

  private static void hostedPage(String path, String button) {
    browser.find("#place-order").click();
    until(d -> d.getCurrentUrl().contains(path));
    browser.find(button).click();
  }

  private static WebElement awaitStatus(Set<String> statuses) {
    return until(d -> {
          WebElement status = d.findElement(By.id("payment-status"));
          return statuses.contains(status.getAttribute("data-status")) ? status : null;
        });
  }
}
