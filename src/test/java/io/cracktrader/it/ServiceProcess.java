package io.cracktrader.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application as a real process, as an operator runs it: the jar from its application
 * directory (or the native executable with -Dnative), on a data directory and settings of the test's
 * choosing, its output appended to {@code app.log} in the data directory. Without a configured
 * administrator password it logs in with the one the first start printed.
 */
final class ServiceProcess {
    private final Path dataDir;
    private final Map<String, String> settings;
    private final Path log;
    private Process process;
    private int port;
    private String token;

    ServiceProcess(Path dataDir, Map<String, String> settings) {
        this(dataDir, settings, dataDir.resolve("app.log"));
    }

    /** With the output in {@code log}, for a data directory that cannot hold it (a disk that fills up). */
    ServiceProcess(Path dataDir, Map<String, String> settings, Path log) {
        this.dataDir = dataDir;
        this.settings = new LinkedHashMap<>(settings);
        this.log = log;
    }

    /** Starts the process on a free port and logs in as the administrator once it answers. */
    ServiceProcess start() throws IOException {
        port = freePort();
        List<String> options = new ArrayList<>(List.of("-Dcracktrader.data-dir=" + dataDir, "-Dquarkus.http.port=" + port));
        settings.forEach((k, v) -> options.add("-D" + k + "=" + v));
        List<String> command = new ArrayList<>();
        File workDir = new File("target/quarkus-app");
        String nativeImage = System.getProperty("native.image.path");
        if (Boolean.getBoolean("cracktrader.it.native") && nativeImage != null && new File(nativeImage).exists()) {
            command.add(nativeImage);
            command.addAll(options);
            // A native build has no quarkus-app directory: run beside the executable.
            workDir = new File(nativeImage).getAbsoluteFile().getParentFile();
        } else {
            // As the README starts it: from the application directory, with its class-data archive.
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (Files.exists(Path.of("target/quarkus-app/app-cds.jsa"))) {
                command.add("-XX:SharedArchiveFile=app-cds.jsa");
            }
            command.addAll(options);
            command.add("-jar");
            command.add("quarkus-run.jar");
        }
        Files.createDirectories(dataDir);
        long started = System.nanoTime();
        process = new ProcessBuilder(command).directory(workDir).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .failFast("the service exited; see " + log(), () -> !process.isAlive())
                .until(() -> given().port(port).get("http://127.0.0.1/q/health/live").statusCode() == 200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> login() != null);
        // Reported, not asserted: startup time is measured by the README's benchmark, not by tests.
        System.out.printf("%s: answered %.2f s after the process started%n", dataDir.getFileName(),
                (System.nanoTime() - started) / 1e9);
        return this;
    }

    private String login() throws IOException {
        token = given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", adminPassword())).post("/api/auth/login")
                .then().statusCode(200).extract().path("access_token");
        return token;
    }

    /** SIGKILL: a crash, no shutdown hook runs. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM, as Kubernetes stops a pod; the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    int port() {
        return port;
    }

    /** The administrator's access token. */
    String token() {
        return token;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** A request as the administrator. */
    RequestSpecification api() {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    RequestSpecification anonymous() {
        return given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON);
    }

    Path log() {
        return log;
    }

    /** The configured administrator password, or the random one the first start printed. */
    private String adminPassword() throws IOException {
        String configured = settings.get("cracktrader.admin.password");
        if (configured != null) {
            return configured;
        }
        Matcher m = Pattern.compile("with password: (\\S+)").matcher(Files.readString(log()));
        assertTrue(m.find(), "the first start prints the administrator's password");
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
