package org.scapscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md: data flows one way, and JavaFX stays inside ui. */
class ArchitectureTest {
    private static JavaClasses classes;

    /** The layers in order: each may use only those before it. */
    private static final String[] LAYERS = {"scap", "state", "field", "filter", "view", "store", "cli", "ui"};

    @BeforeAll
    static void importClasses() {
        // The product's classes only, wherever the build directory is.
        ImportOption productOnly = location -> !location.contains("/test-classes/");
        classes = new ClassFileImporter().withImportOption(productOnly).importPackages("org.scapscope");
    }

    @Test
    void everyArrowPointsOneWay() {
        for (int i = 0; i < LAYERS.length; i++) {
            for (int j = i + 1; j < LAYERS.length; j++) {
                if (LAYERS[i].equals("store") || LAYERS[j].equals("store")) {
                    continue;
                }
                noClasses().that().resideInAPackage("org.scapscope." + LAYERS[i] + "..")
                        .should().dependOnClassesThat().resideInAPackage("org.scapscope." + LAYERS[j] + "..")
                        .allowEmptyShould(true)
                        .because(LAYERS[i] + " sits below " + LAYERS[j])
                        .check(classes);
            }
        }
    }

    @Test
    void storesKnowNothingOfTheFormatInternalsOrTheLayersAbove() {
        noClasses().that().resideInAPackage("org.scapscope.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.scapscope.state..", "org.scapscope.field..",
                        "org.scapscope.filter..", "org.scapscope.view..", "org.scapscope.cli..", "org.scapscope.ui..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAnyPackage("org.scapscope.scap..", "org.scapscope.state..",
                        "org.scapscope.field..", "org.scapscope.filter..", "org.scapscope.view..")
                .should().dependOnClassesThat().resideInAPackage("org.scapscope.store..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void javafxStaysInsideTheUi() {
        noClasses().that().resideOutsideOfPackage("org.scapscope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }
}
