package io.cracktrader.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, checked on the compiled main classes: each rule names what it
 * keeps true, and breaking one fails {@code ./mvnw verify} with the offending dependency.
 */
class ArchitectureTest {
    private static final String ROOT = "io.cracktrader";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** The engine is pure Java: it runs the same under a benchmark, a test, or the service. */
    @Test
    void engineDependsOnNothingButTheJdk() {
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + ".engine..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".engine..", "java..")
                .because("the engine imports nothing of the project, Quarkus, Jakarta, XChange or Jackson");
        rule.check(classes);
    }

    /** HTTP and WebSocket types belong to the adapters; the domain speaks in typed exceptions and records. */
    @Test
    void onlyAdaptersUseWebTypes() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(ROOT + ".rest..", ROOT + ".ws..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "io.vertx.ext.web..", "io.vertx.core.http..", "io.quarkus.websockets..",
                        "io.quarkus.vertx.http..")
                .because("only rest and ws translate between HTTP/WebSockets and the services");
        rule.check(classes);
    }

    @Test
    void layersAreOnlyUsedFromAbove() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Adapters").definedBy(ROOT + ".rest..", ROOT + ".ws..")
                .layer("Health").definedBy(ROOT + ".health..")
                .layer("Orchestration").definedBy(ROOT + ".service..")
                .layer("Domain").definedBy(ROOT + ".trading..", ROOT + ".exchange..", ROOT + ".security..")
                .layer("Store").definedBy(ROOT + ".store..")
                .layer("Engine").definedBy(ROOT + ".engine..")
                .layer("Shared").definedBy(ROOT + ".config..", ROOT + ".error..")
                .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("Health").mayOnlyBeAccessedByLayers("Adapters")
                .whereLayer("Orchestration").mayOnlyBeAccessedByLayers("Adapters", "Health")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Adapters", "Health", "Orchestration")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Health", "Orchestration", "Domain")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Adapters", "Health", "Orchestration", "Domain", "Store")
                .because("imports run down the layers of docs/ARCHITECTURE.md, and only services touch the store");
        rule.check(classes);
    }

    /** Every package, including the sub-packages of a layer, can be read without knowing what imports it. */
    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
