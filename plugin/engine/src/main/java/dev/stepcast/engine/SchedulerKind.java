package dev.stepcast.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The samplers the engine offers, with the A1111-style names users know, the CLI names, and the diffusers class each
 * one matches.
 */
public enum SchedulerKind {
    EULER("Euler", "euler", "EulerDiscreteScheduler"),
    EULER_ANCESTRAL("Euler a", "euler-a", "EulerAncestralDiscreteScheduler"),
    DDIM("DDIM", "ddim", "DDIMScheduler"),
    PNDM("PNDM", "pndm", "PNDMScheduler"),
    LMS("LMS", "lms", "LMSDiscreteScheduler"),
    DPMPP_2M("DPM++ 2M", "dpmpp-2m", "DPMSolverMultistepScheduler"),
    DPMPP_2M_KARRAS("DPM++ 2M Karras", "dpmpp-2m-karras", "DPMSolverMultistepScheduler"),
    LCM("LCM", "lcm", "LCMScheduler");

    private final String displayName;
    private final String cliName;
    private final String diffusersClass;

    SchedulerKind(String displayName, String cliName, String diffusersClass) {
        this.displayName = displayName;
        this.cliName = cliName;
        this.diffusersClass = diffusersClass;
    }

    /** The A1111-style name, e.g. "Euler a"; also what PNG {@code parameters} chunks say after "Sampler:". */
    public String displayName() {
        return displayName;
    }

    /** The command-line name, e.g. "euler-a". */
    public String cliName() {
        return cliName;
    }

    /** The diffusers class this scheduler matches, e.g. "EulerAncestralDiscreteScheduler". */
    public String diffusersClass() {
        return diffusersClass;
    }

    /** Finds a kind by its display name, CLI name or enum name, ignoring case. */
    public static Optional<SchedulerKind> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.displayName.toLowerCase(Locale.ROOT).equals(n) || k.cliName.equals(n)
                        || k.name().toLowerCase(Locale.ROOT).equals(n))
                .findFirst();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
