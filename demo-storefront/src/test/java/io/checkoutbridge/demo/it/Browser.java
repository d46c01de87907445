package io.checkoutbridge.demo.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium, driven by its own chromedriver (nothing is downloaded). */
final class Browser implements AutoCloseable {
  private static final int WIDTH = 1280;

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("demo-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",900", "--lang=en-GB");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new Browser(driver, profile);
  }

  WebDriverWait waiting(Duration limit) {
    return new WebDriverWait(driver, limit);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Saves the whole page (the window grows to the page's height for the picture). */
  Path screenshot(String name) throws IOException {
    Path dir = Path.of(System.getProperty("demo.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Dimension before = driver.manage().window().getSize();
    long height = (Long) ((JavascriptExecutor) driver).executeScript("if (document.activeElement) "
        + "document.activeElement.blur(); return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
    driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(4000, height + 140)));
    try {
      Path target = dir.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var paths = Files.walk(profile)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
