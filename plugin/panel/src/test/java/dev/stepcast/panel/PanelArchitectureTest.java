package dev.stepcast.panel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The panel module's dependency rules: its code (panel, CLI, standalone app, plugin entry) never touches ONNX Runtime
 * types, its packages form no cycle, and the host port ({@code dev.stepcast.host}) depends on nothing of ours.
 */
@AnalyzeClasses(packages = "dev.stepcast", importOptions = ImportOption.DoNotIncludeTests.class)
class PanelArchitectureTest {

    private static final String[] PANEL_MODULE = {
        "dev.stepcast.panel..", "dev.stepcast.cli..", "dev.stepcast.app..", "dev.stepcast.plugin.."};

    @ArchTest
    static final ArchRule panelNeverImportsOnnxRuntime = noClasses()
            .that().resideInAnyPackage(PANEL_MODULE)
            .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..");

    @ArchTest
    static final ArchRule panelHasNoPackageCycles = SlicesRuleDefinition.slices()
            .assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                    String pkg = c.getPackageName();
                    for (String root : new String[] {"panel", "cli", "app", "plugin"}) {
                        String base = "dev.stepcast." + root;
                        if (pkg.equals(base) || pkg.startsWith(base + ".")) {
                            return SliceIdentifier.of(pkg);
                        }
                    }
                    return SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "packages of the panel module";
                }
            })
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule hostPortImportsNothingOfOurs = noClasses()
            .that().resideInAPackage("dev.stepcast.host..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stepcast.panel..", "dev.stepcast.engine..",
                    "dev.stepcast.cli..", "dev.stepcast.app..", "dev.stepcast.plugin..", "dev.stepcast.icons..",
                    "dev.stepcast.hoststub..", "dev.stepcast.testkit..");
}
