package dev.stepcast.engine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's dependency rules: no Swing or AWT user interface (images and Java2D drawing are fine), no package
 * cycles, and the API package ({@code dev.stepcast.engine}) imports none of the engine's implementation packages.
 */
@AnalyzeClasses(packages = "dev.stepcast.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

    @ArchTest
    static final ArchRule engineNeverTouchesTheUserInterface = noClasses()
            .that().resideInAPackage("dev.stepcast.engine..")
            .should().dependOnClassesThat(describe("are Swing or AWT user-interface classes", EngineArchitectureTest::isUi));

    @ArchTest
    static final ArchRule engineHasNoPackageCycles = slices()
            .assignedFrom(EngineSlices.PACKAGES)
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiImportsNoImplementation = noClasses()
            .that().resideInAPackage("dev.stepcast.engine")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stepcast.engine.*..", "ai.onnxruntime..");

    private static boolean isUi(JavaClass c) {
        String name = c.getName();
        return name.startsWith("javax.swing.")
                || name.startsWith("java.awt.event.")
                || name.startsWith("java.awt.dnd.")
                || name.startsWith("java.awt.datatransfer.")
                || name.equals("java.awt.Toolkit")
                || name.equals("java.awt.EventQueue")
                || name.equals("java.awt.Desktop")
                || c.isAssignableTo("java.awt.Component")
                || c.isAssignableTo("java.awt.MenuComponent");
    }
}
