package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.png.PngParameters;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.swing.TransferHandler;
import org.junit.jupiter.api.Test;

/**
 * A generated result's PNG carries the A1111 parameters chunk (written, read back, parsed), and dropping that PNG on
 * the panel restores its settings into the form.
 */
class PngParametersRoundTripTest extends PanelGuiTest {

    @Test
    void should_write_the_parameters_chunk_and_restore_the_settings_from_a_dropped_png() throws Exception {
        openHost();
        fastSettings(4242);
        Edt.run(() -> panel.parameters.selectSampler("DDIM"));
        window.textBox("prompt").enterText("mountains by day");
        window.textBox("negativePrompt").enterText("fog");
        window.button("generate").click();
        awaitResults(1);
        Path png = historyFile();

        GenerationParameters written = A1111Format.parse(PngParameters.read(png).orElseThrow()).orElseThrow();
        assertThat(written.prompt()).isEqualTo("mountains by day");
        assertThat(written.negativePrompt()).isEqualTo("fog");
        assertThat(written.seed()).isEqualTo(4242);
        assertThat(written.steps()).isEqualTo(6);
        assertThat(written.sampler()).isEqualTo("DDIM");
        assertThat(written.width()).isEqualTo(256);
        assertThat(written.height()).isEqualTo(256);
        assertThat(written.cfgScale()).isEqualTo(7.5);
        assertThat(written.model()).isEqualTo("Demo model (procedural scenes)");

        Edt.run(() -> {
            panel.prompts.setPrompts("something else", "");
            panel.parameters.setStepsAndCfg(30, 3);
            panel.parameters.selectSampler("Euler a");
            panel.parameters.sizeField().setSize(512, 768);
            panel.parameters.setFixedSeed(1);
        });
        Path dropped = png;
        boolean imported = Edt.query(() -> panel.getTransferHandler()
                .importData(new TransferHandler.TransferSupport(panel, files(dropped))));

        assertThat(imported).as("imported").isEqualTo(true);
        Waits.until("the form shows the PNG's prompt", () -> panel.prompts.prompt().equals("mountains by day"));
        assertThat(Edt.query(panel.prompts::negativePrompt)).isEqualTo("fog");
        assertThat(Edt.query(panel.parameters::steps)).isEqualTo(6);
        assertThat(Edt.query(panel.parameters::sampler)).isEqualTo(SchedulerKind.DDIM);
        assertThat(Edt.query(() -> panel.parameters.fixedSeed().getAsLong())).isEqualTo(4242);
        assertThat(Edt.query(panel.parameters::isRandomSeed)).as("panel.parameters::isRandomSeed").isEqualTo(false);
        assertThat(Edt.query(() -> panel.parameters.sizeField().widthValue().getAsInt())).isEqualTo(256);
        assertThat(Edt.query(panel.parameters::cfgScale)).isEqualTo(7.5f);
    }

    private Path historyFile() {
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID)).resolve("history");
        String name = Edt.query(() -> panel.history.items().get(0).entry().fileName());
        return folder.resolve(name);
    }

    private static Transferable files(Path file) {
        return new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                List<File> list = List.of(file.toFile());
                return list;
            }
        };
    }
}
