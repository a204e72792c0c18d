package dev.stepcast.hoststub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The host stub knows plugins only through the port: it never imports the panel or the engine. */
@AnalyzeClasses(packages = "dev.stepcast.hoststub", importOptions = ImportOption.DoNotIncludeTests.class)
class HostStubArchitectureTest {

    @ArchTest
    static final ArchRule hostStubImportsNeitherPanelNorEngine = noClasses()
            .that().resideInAPackage("dev.stepcast.hoststub..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stepcast.panel..", "dev.stepcast.engine..",
                    "dev.stepcast.cli..", "dev.stepcast.app..", "dev.stepcast.plugin..", "ai.onnxruntime..");
}
