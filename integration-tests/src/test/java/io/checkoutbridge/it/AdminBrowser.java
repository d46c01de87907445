package io.checkoutbridge.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its own chromedriver (both paths given, so Selenium
 * downloads nothing), with a fresh profile; plus the few waits and screenshots the admin tests
 * need. Screenshots go to {@code target/screenshots/}.
 */
final class AdminBrowser implements AutoCloseable {
  static final int DESKTOP_WIDTH = 1280;
  static final int DESKTOP_HEIGHT = 900;

  final ChromeDriver driver;
  private final Path profile;
  private final WebDriverWait wait;

  AdminBrowser() {
    try {
      profile = Files.createTempDirectory("cb-admin-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT, "--lang=en-GB");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("chromedriver.path", "/usr/bin/chromedriver")))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /**
   * Signs in with HTTP Basic: one visit with the credentials in the address, after which the
   * browser sends them by itself for the realm, then the page at its plain address.
   */
  void signIn(String base, String user, String password) {
    URI uri = URI.create(base);
    String withCredentials = uri.getScheme() + "://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + uri.getAuthority() + uri.getPath()
        + "/payments/admin/";
    driver.get(withCredentials);
    open(base + "/payments/admin/");
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  WebElement waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return driver.findElement(By.cssSelector(css));
  }

  void waitUntil(String script) {
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return " + script)));
  }

  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves the whole page (the window stretched to the page's height) as {@code name}.png. */
  Path screenshot(String name) {
    Dimension before = driver.manage().window().getSize();
    try {
      long height = (Long) driver.executeScript("return Math.ceil(Math.max(document.documentElement.scrollHeight,"
          + " document.body.scrollHeight) + window.outerHeight - window.innerHeight)");
      resize(before.getWidth(), (int) Math.min(Math.max(height, before.getHeight()), 8000));
      driver.executeScript("return document.fonts ? document.fonts.ready.then(() => true) : true");
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      resize(before.getWidth(), before.getHeight());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
