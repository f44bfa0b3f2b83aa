package kr.codeb.control.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form a tree (README "Code map"): no feature package depends, directly or through others, on one that
 * depends back on it, and {@code common} depends on no feature. Read from the compiled classes, so fully qualified
 * names in code count as much as imports.
 */
class PackageStructureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kr.codeb.control");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("kr.codeb.control.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void commonSubpackagesHaveNoCycles() {
        slices().matching("kr.codeb.control.common.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage("kr.codeb.control.common..")
                .should().dependOnClassesThat().resideOutsideOfPackages("kr.codeb.control.common..", "java..", "javax..", "jakarta..",
                        "io..", "org..", "com..")
                .check(classes);
    }
}
