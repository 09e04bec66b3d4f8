package io.keygate.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Keeps the core honest: the policy engine, the credential codecs, SigV4, the IAM model, the validators and the
 * declarative bootstrap are plain Java (no Quarkus, Vert.x, Jakarta or Infinispan), and nothing depends on the
 * Quarkus wiring in {@code app}.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.keygate");
    }

    @Test
    void corePackagesImportNoFrameworks() {
        noClasses().that().resideInAnyPackage(
                        "io.keygate.policy..", "io.keygate.credentials..", "io.keygate.protocol.sigv4..",
                        "io.keygate.federation..", "io.keygate.error..", "io.keygate.iam..",
                        "io.keygate.bootstrap..", "io.keygate.expiry..", "io.keygate.protocol.model..",
                        "io.keygate.issuer..", "io.keygate.pool..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "io.vertx..", "jakarta..", "org.infinispan..", "io.smallrye..",
                        "org.jgroups..")
                .check(classes);
    }

    @Test
    void nothingImportsTheWiring() {
        noClasses().that().resideOutsideOfPackage("io.keygate.app..")
                .should().dependOnClassesThat().resideInAPackage("io.keygate.app..")
                .check(classes);
    }

    @Test
    void coreDoesNotReachUpIntoTheEdge() {
        // io.keygate.iam.action holds the IAM Query actions: an edge package like sts, outside the pure model.
        noClasses().that().resideInAnyPackage("io.keygate.policy..", "io.keygate.credentials..",
                        "io.keygate.protocol.sigv4..", "io.keygate.iam")
                .should().dependOnClassesThat().resideInAnyPackage("io.keygate.protocol.query..",
                        "io.keygate.store..", "io.keygate.sts..", "io.keygate.auth..")
                .check(classes);
    }
}
