package dev.stepcast.engine.remote;

import dev.stepcast.engine.SchedulerKind;
import java.util.List;
import java.util.Locale;

/**
 * Stepcast's {@link SchedulerKind} in each server's words.
 *
 * <p>sdapi (A1111 ≥ 1.9, SD.Next): a sampler name plus a separate {@code scheduler} ("Karras"); older A1111 knew
 * only combined names such as "DPM++ 2M Karras", used when the server lists it. ComfyUI: KSampler's
 * {@code sampler_name} and {@code scheduler} inputs.
 */
public final class SamplerNames {

    /** A sampler for an sdapi request: {@code sampler_name} and optional {@code scheduler} ({@code null}: omit). */
    public record Sdapi(String samplerName, String scheduler) { }

    /** KSampler's two inputs. */
    public record Comfy(String samplerName, String scheduler) { }

    private SamplerNames() {
    }

    /**
     * The sdapi names for {@code kind}, preferring a name the server listed ({@code serverSamplers}, may be
     * empty when unknown). {@code null} kind: {@code null} (the server's default sampler).
     */
    public static Sdapi sdapi(SchedulerKind kind, List<String> serverSamplers) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case EULER -> new Sdapi("Euler", null);
            case EULER_ANCESTRAL -> new Sdapi("Euler a", null);
            case DDIM -> new Sdapi("DDIM", null);
            case PNDM -> new Sdapi(pick(serverSamplers, "PLMS", "PNDM"), null);
            case LMS -> new Sdapi("LMS", null);
            case DPMPP_2M -> new Sdapi("DPM++ 2M", null);
            case DPMPP_2M_KARRAS -> has(serverSamplers, "DPM++ 2M Karras")
                    ? new Sdapi("DPM++ 2M Karras", null) : new Sdapi("DPM++ 2M", "Karras");
            case LCM -> new Sdapi("LCM", null);
        };
    }

    /** The ComfyUI KSampler inputs for {@code kind}; {@code null} kind: euler / normal. */
    public static Comfy comfy(SchedulerKind kind) {
        if (kind == null) {
            return new Comfy("euler", "normal");
        }
        return switch (kind) {
            case EULER -> new Comfy("euler", "normal");
            case EULER_ANCESTRAL -> new Comfy("euler_ancestral", "normal");
            case DDIM -> new Comfy("ddim", "ddim_uniform");
            case PNDM -> new Comfy("ipndm", "normal");
            case LMS -> new Comfy("lms", "normal");
            case DPMPP_2M -> new Comfy("dpmpp_2m", "normal");
            case DPMPP_2M_KARRAS -> new Comfy("dpmpp_2m", "karras");
            case LCM -> new Comfy("lcm", "sgm_uniform");
        };
    }

    private static String pick(List<String> serverSamplers, String... candidates) {
        for (String c : candidates) {
            if (has(serverSamplers, c)) {
                return c;
            }
        }
        return candidates[0];
    }

    private static boolean has(List<String> serverSamplers, String name) {
        if (serverSamplers == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return serverSamplers.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(n));
    }
}
