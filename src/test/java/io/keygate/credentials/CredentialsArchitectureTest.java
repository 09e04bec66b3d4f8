package io.keygate.credentials;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The credentials core stays pure (STYLE section 1): no Quarkus, Vert.x, Jakarta or Infinispan. */
class CredentialsArchitectureTest {

    @Test
    void credentialsWhenImportedThenNoFrameworkDependencies() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.keygate.credentials");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "io.vertx..", "jakarta..", "org.infinispan..")
                .check(classes);
    }
}
