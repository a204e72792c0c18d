package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.io.JsonTrees;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.SchedulerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's {@code scheduler/scheduler_config.json}, keeping exactly the keys the file sets. As diffusers'
 * {@code from_config}, a scheduler class reads the keys that are set and takes its <em>own</em> default for every other
 * key (SD1.5's file has no {@code timestep_spacing}: PNDM, DDIM and LCM then use "leading", Euler, LMS and DPM++
 * "linspace").
 *
 * <p>Keys read by the schedulers: {@code _class_name}, {@code num_train_timesteps}, {@code beta_start},
 * {@code beta_end}, {@code beta_schedule} (linear, scaled_linear, squaredcos_cap_v2), {@code trained_betas},
 * {@code steps_offset}, {@code timestep_spacing} (leading, linspace, trailing), {@code prediction_type} (epsilon,
 * v_prediction, sample), {@code set_alpha_to_one}, {@code clip_sample}, {@code clip_sample_range},
 * {@code use_karras_sigmas}, {@code final_sigmas_type}, {@code original_inference_steps}, {@code timestep_scaling}.
 *
 * <p><b>Threads:</b> immutable, safe to share.
 */
public final class SchedulerConfig {

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "beta_schedule", Set.of("linear", "scaled_linear", "squaredcos_cap_v2"),
            "timestep_spacing", Set.of("leading", "linspace", "trailing"),
            "prediction_type", Set.of("epsilon", "v_prediction", "sample"),
            "final_sigmas_type", Set.of("zero", "sigma_min"));

    private final ObjectNode values;

    private SchedulerConfig(ObjectNode values) {
        this.values = values;
    }

    /**
     * Reads a {@code scheduler_config.json}.
     *
     * @throws ModelException naming the file when it is missing, not JSON, or sets a value no scheduler understands
     */
    public static SchedulerConfig read(Path json) throws ModelException {
        JsonNode root;
        try {
            root = JsonTrees.parse(Files.readString(json));
        } catch (NoSuchFileException e) {
            throw new ModelException("Scheduler config " + json + " is missing.", json, e);
        } catch (JsonProcessingException e) {
            throw new ModelException("Scheduler config " + json + " is not valid JSON: "
                    + e.getOriginalMessage(), json, e);
        } catch (IOException e) {
            throw new ModelException("Cannot read scheduler config " + json + ": " + e.getMessage(), json, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException("Scheduler config " + json + " should hold a JSON object.", json);
        }
        SchedulerConfig config = new SchedulerConfig(((ObjectNode) root).deepCopy());
        config.validate(json);
        return config;
    }

    /** Stable Diffusion 1.5's own {@code scheduler_config.json} (PNDM, scaled_linear 0.00085–0.012, offset 1). */
    public static SchedulerConfig sd15() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("_class_name", "PNDMScheduler");
        n.put("beta_end", 0.012);
        n.put("beta_schedule", "scaled_linear");
        n.put("beta_start", 0.00085);
        n.put("clip_sample", false);
        n.put("num_train_timesteps", 1000);
        n.put("set_alpha_to_one", false);
        n.put("skip_prk_steps", true);
        n.put("steps_offset", 1);
        n.putNull("trained_betas");
        return new SchedulerConfig(n);
    }

    /** A copy with {@code key} set to {@code value} (a String, Boolean, Number or {@code null}). */
    public SchedulerConfig with(String key, Object value) {
        ObjectNode copy = values.deepCopy();
        copy.set(key, node(value));
        return new SchedulerConfig(copy);
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof String s) {
            return nodes.textNode(s);
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof Integer i) {
            return nodes.numberNode(i);
        } else if (value instanceof Long l) {
            return nodes.numberNode(l);
        } else if (value instanceof Number n) {
            return nodes.numberNode(n.doubleValue());
        }
        throw new IllegalArgumentException("not a config value: " + value.getClass().getName());
    }

    /** The {@code _class_name} when it names a scheduler the engine does not have (empty when known or absent). */
    public Optional<String> unknownClassName() {
        String className = text("_class_name", "");
        return className.isBlank() || defaultKind().isPresent() ? Optional.empty() : Optional.of(className);
    }

    /** The sampler {@code _class_name} names, if it is one the engine has; DPM++ with Karras sigmas when set. */
    public Optional<SchedulerKind> defaultKind() {
        String className = text("_class_name", "");
        boolean karras = flag("use_karras_sigmas", false);
        for (SchedulerKind kind : SchedulerKind.values()) {
            if (kind.diffusersClass().equals(className)
                    && (kind != SchedulerKind.DPMPP_2M || !karras)
                    && (kind != SchedulerKind.DPMPP_2M_KARRAS || karras)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** What the UNet predicts: "epsilon" (every class's default), "v_prediction" or "sample". */
    public String predictionType() {
        return text("prediction_type", "epsilon");
    }

    /** Whether the file sets {@code key} (to anything but {@code null}). */
    public boolean isSet(String key) {
        JsonNode v = values.get(key);
        return v != null && !v.isNull();
    }

    /** The number at {@code key}, or the calling class's default when unset. */
    public double number(String key, double classDefault) {
        return isSet(key) ? values.get(key).asDouble(classDefault) : classDefault;
    }

    /** The integer at {@code key}, or the calling class's default when unset. */
    public int integer(String key, int classDefault) {
        return isSet(key) ? values.get(key).asInt(classDefault) : classDefault;
    }

    /** The boolean at {@code key}, or the calling class's default when unset. */
    public boolean flag(String key, boolean classDefault) {
        return isSet(key) ? values.get(key).asBoolean(classDefault) : classDefault;
    }

    /** The text at {@code key}, or the calling class's default when unset. */
    public String text(String key, String classDefault) {
        return isSet(key) ? values.get(key).asText(classDefault) : classDefault;
    }

    /** The numbers of the array at {@code key} (e.g. {@code trained_betas}), if set. */
    public Optional<double[]> numbers(String key) {
        JsonNode v = values.get(key);
        if (v == null || !v.isArray() || v.isEmpty()) {
            return Optional.empty();
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return Optional.of(out);
    }

    private void validate(Path file) throws ModelException {
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            if (isSet(e.getKey()) && !e.getValue().contains(text(e.getKey(), ""))) {
                throw new ModelException("Scheduler config " + file + ": " + e.getKey() + " '"
                        + text(e.getKey(), "") + "' is not supported (expected one of "
                        + e.getValue().stream().sorted().toList() + ").", file);
            }
        }
        for (String key : List.of("num_train_timesteps", "beta_start", "beta_end", "steps_offset")) {
            if (isSet(key) && !values.get(key).isNumber()) {
                throw new ModelException("Scheduler config " + file + ": " + key + " should be a number, found "
                        + values.get(key) + ".", file);
            }
        }
        if (integer("num_train_timesteps", 1000) < 2) {
            throw new ModelException("Scheduler config " + file + ": num_train_timesteps "
                    + values.get("num_train_timesteps") + " is too small.", file);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
