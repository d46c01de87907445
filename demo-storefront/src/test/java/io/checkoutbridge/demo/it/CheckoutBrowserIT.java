package io.checkoutbridge.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * A shopper in Chromium buys from the demo shop with every provider, through the sandbox's hosted
 * pages, and sees the order page turn paid; a declined payment comes back to the checkout and the
 * same order is then paid with a second attempt.
 */
@Order(1)
class CheckoutBrowserIT {
  /** Each provider's hosted page in the sandbox: what the shopper does there to approve or decline. */
  private static final Map<String, HostedPage> HOSTED_PAGES = Map.of(
      "dintero", new HostedPage("/sandbox/dintero/pay/", b -> b.find("#approve").click(), b -> b.find("#decline").click()));

  /** The providers the demo enables, in the order the checkout offers them. */
  static List<String> providers() {
    return List.of("dintero");
  }

  private static final Set<String> PAID = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED", "CAPTURED");
  private static final Duration PAGE_LIMIT = Duration.ofSeconds(30);

  private static DemoServer demo;
  private static Browser browser;

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
  void theCheckoutOffersEveryEnabledProviderWithWhatItNeeds() throws Exception {
    fillBasket();
    browser.driver.get(demo.shopUrl() + "checkout");
    List<String> offered = browser.driver.findElements(By.cssSelector("input[name=provider]")).stream()
        .map(e -> e.getAttribute("value")).toList();
    assertThat(offered).containsExactlyElementsOf(providers());
    assertThat(browser.find("#place-order").getText()).contains("£");
    browser.screenshot("checkout");
  }

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
    if (provider.equals(providers().get(0))) {
      browser.screenshot("order-paid");
    }
    browser.driver.get(demo.shopUrl() + "cart");
    assertThat(browser.find("main").getText()).as("the bought basket is emptied").contains("Your basket is empty");
  }

  @Test
  void aDeclinedPaymentReturnsToTheCheckoutAndTheSameOrderIsPaidWithASecondAttempt() throws Exception {
    fillBasket();
    String declined = checkout("dintero", false);
    browser.waiting(PAGE_LIMIT).until(d -> d.getCurrentUrl().contains("/checkout?failed="));
    assertThat(browser.find("#checkout-notice").getText()).contains(declined).contains("declined");

    String paid = checkout("dintero", true);
    assertThat(paid).isEqualTo(declined);
    awaitStatus(PAID);
    assertThat(browser.driver.findElements(By.cssSelector("table.attempts tbody tr"))).hasSize(2);
  }

  private static void fillBasket() {
    browser.driver.get(demo.shopUrl());
    browser.find("button[data-sku=LAMP-OAK]").click();
    browser.waiting(PAGE_LIMIT).until(d -> d.getCurrentUrl().endsWith("/cart"));
    browser.driver.get(demo.shopUrl());
    WebElement quantity = browser.find("#qty-BOOK-BIRDS");
    quantity.clear();
    quantity.sendKeys("2");
    browser.find("button[data-sku=BOOK-BIRDS]").click();
    browser.waiting(PAGE_LIMIT).until(d -> d.getCurrentUrl().endsWith("/cart"));
    WebElement code = browser.find("#code");
    code.clear();
    code.sendKeys("spring10");
    code.submit();
    browser.waiting(PAGE_LIMIT).until(d -> d.findElement(By.cssSelector(".totals")).getText().contains("SPRING10"));
  }

  /** Checks out with {@code provider}, approves or declines on its page, and returns the order reference. */
  private static String checkout(String provider, boolean approve) {
    browser.driver.get(demo.shopUrl() + "checkout");
    browser.find("#provider-" + provider).click();
    browser.find("#place-order").click();
    HostedPage page = HOSTED_PAGES.get(provider);
    assertThat(page).as("a script for %s's hosted page", provider).isNotNull();
    browser.waiting(PAGE_LIMIT).until(d -> d.getCurrentUrl().contains(page.path()));
    (approve ? page.approve() : page.decline()).accept(browser);
    if (approve) {
      browser.waiting(PAGE_LIMIT).until(d -> d.getCurrentUrl().contains("/shop/orders/"));
      String url = browser.driver.getCurrentUrl();
      return url.substring(url.lastIndexOf('/') + 1);
    }
    browser.waiting(PAGE_LIMIT).until(d -> d.getCurrentUrl().contains("/shop/checkout"));
    String url = browser.driver.getCurrentUrl();
    return url.substring(url.indexOf("failed=") + "failed=".length());
  }

  private static WebElement awaitStatus(Set<String> statuses) {
    return browser.waiting(PAGE_LIMIT)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(d -> {
          WebElement status = d.findElement(By.id("payment-status"));
          return statuses.contains(status.getAttribute("data-status")) ? status : null;
        });
  }

  /** Where a provider's hosted page lives and how the shopper approves or declines there. */
  private record HostedPage(String path, Consumer<Browser> approve, Consumer<Browser> decline) {}
}
