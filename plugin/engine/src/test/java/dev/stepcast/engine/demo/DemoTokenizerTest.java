package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.text.ClipTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo tokenizer files are a valid CLIP tokenizer that keeps every keyword whole. */
class DemoTokenizerTest {

    private final DemoTokenizer tokenizer = new DemoTokenizer(DemoTextEncoder.keywords(SceneFamily.all()));

    @Test
    void should_keep_every_keyword_as_one_whole_word_token() {
        for (String keyword : DemoTextEncoder.keywords(SceneFamily.all())) {
            assertThat(tokenizer.bpe(keyword)).as(keyword).containsExactly(keyword + "</w>");
        }
    }

    @Test
    void should_start_with_the_512_byte_level_base_tokens_of_the_real_clip_vocabulary() throws IOException {
        Path clipVocab = Path.of("../../../shared/clip/vocab.json").toAbsolutePath().normalize();
        if (!Files.exists(clipVocab)) {
            clipVocab = Path.of("/work/shared/clip/vocab.json");
        }
        JsonNode clip = new ObjectMapper().readTree(clipVocab.toFile());
        List<Map.Entry<String, Integer>> ours = List.copyOf(tokenizer.vocab().entrySet());
        for (int id = 0; id < 512; id++) {
            String token = ours.get(id).getKey();
            assertThat(ours.get(id).getValue()).isEqualTo(id);
            assertThat(clip.path(token).asInt(-1)).as("CLIP id of %s", token).isEqualTo(id);
        }
    }

    @Test
    void should_be_read_by_the_engine_tokenizer_with_keywords_whole_and_sd1_specials() throws IOException,
            ModelException {
        Path folder = DemoTestModel.folder();
        ClipTokenizer clip = ClipTokenizer.load(folder.resolve("tokenizer"));
        int[] ids = clip.encode("A desert at Sunset, night-sky!");
        assertThat(ids[0]).isEqualTo(DemoTokenizer.BOS);
        assertThat(ids[ids.length - 1]).isEqualTo(DemoTokenizer.EOS);
        assertThat(ids).contains(tokenizer.keywordId("desert"), tokenizer.keywordId("sunset"),
                tokenizer.keywordId("night"), tokenizer.keywordId("sky"));
        assertThat(clip.encode("")).containsExactly(DemoTokenizer.BOS, DemoTokenizer.EOS);
        assertThat(clip.padId()).isEqualTo(DemoTokenizer.EOS);
        JsonNode vocab = new ObjectMapper().readTree(folder.resolve("tokenizer/vocab.json").toFile());
        Iterator<String> names = vocab.fieldNames();
        int regular = 0;
        while (names.hasNext()) {
            int id = vocab.get(names.next()).asInt();
            if (id < DemoTokenizer.BOS) {
                regular++;
            }
        }
        assertThat(regular).isEqualTo(tokenizer.regularSize());
    }
}
