package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The site-report IT's page in a real browser (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs): every image loads (natural width > 0), the ablation table's sample sheets stay inside it, and the summary
 * table shows. Saves a screenshot under target/.
 * Without the browser it says so and is skipped, unless {@code -Dssgan.requireBrowser=true} (as in CI) makes that a
 * failure.
 */
class ReportInBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void everyImageLoadsAndTheTableShows() throws Exception {
        Path page = Path.of(System.getProperty("ssgan.reportPage", "target/it/site-report/target/site/ssgan/index.html"));
        boolean required = Boolean.parseBoolean(System.getProperty("ssgan.requireBrowser", "false"));
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present || !Files.isRegularFile(page)) {
            String why = !present ? "no " + CHROMIUM + " / " + CHROMEDRIVER + " (Debian packages chromium, chromium-driver)"
                    : "no report page at " + page + " (the site-report IT did not run)";
            assertThat(required).as("browser check required (ssgan.requireBrowser) but cannot run: " + why).isFalse();
            System.out.println("[WARNING] ReportInBrowserIT: the report was NOT checked in a browser: " + why);
            assumeThat(false).as(why).isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // headless as root in a closed network: no sandbox, no background connections
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--allow-file-access-from-files", "--window-size=1280,2400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.get(page.toUri().toString());
            List<WebElement> images = driver.findElements(By.cssSelector("img"));
            List<WebElement> figures = images.stream()
                    .filter(img -> !String.valueOf(img.getAttribute("src")).contains("/images/")).toList(); // skin's own
            assertThat(figures).as("the report's charts and sample sheets").hasSizeGreaterThanOrEqualTo(5);
            for (WebElement img : images) {
                Object width = ((JavascriptExecutor) driver).executeScript(
                        "return arguments[0].complete ? arguments[0].naturalWidth : -1;", img);
                assertThat(((Number) width).intValue()).as("natural width of " + img.getAttribute("src")).isPositive();
            }
            // the ablation table's sample sheets stay inside it at 1280 pixels (the skin's max-width let them stick out)
            List<WebElement> thumbnails = driver.findElements(By.cssSelector("td img"));
            assertThat(thumbnails).as("the ablation table's sample sheets").isNotEmpty();
            for (WebElement img : thumbnails) {
                Object overhang = ((JavascriptExecutor) driver).executeScript("return arguments[0].getBoundingClientRect()"
                        + ".right - arguments[0].closest('table').getBoundingClientRect().right;", img);
                assertThat(((Number) overhang).doubleValue()).as("pixels " + img.getAttribute("src")
                        + " sticks out of its table").isLessThanOrEqualTo(0.5);
            }
            WebElement summary = driver.findElement(By.xpath("//h2[text()='Summary']/following::table[1]"));
            assertThat(summary.isDisplayed()).isTrue();
            assertThat(summary.getText()).contains("labeled-10pct", "labeled-100pct", "%");
            Path screenshot = Path.of(System.getProperty("ssgan.screenshot", "target/report-screenshot.png"));
            Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.out.println("ReportInBrowserIT: " + images.size() + " images loaded; screenshot " + screenshot);
        } finally {
            driver.quit();
        }
    }
}
