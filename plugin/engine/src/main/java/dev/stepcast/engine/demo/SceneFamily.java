package dev.stepcast.engine.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scene families of the demo model: each is one component of the prior mixture, rendered procedurally by
 * {@link SceneRenderer} and named by prompt keywords. A keyword adds its weight (in units of
 * {@link DemoTextEncoder#LOG_PRIOR_UNIT} nats) to the log-prior of each family it lists.
 *
 * <p><b>Threads:</b> immutable.
 */
enum SceneFamily {
    SUNSET_SEA("sunset over the sea", weights(
            "sea", 1.0, "ocean", 1.0, "beach", 1.0, "waves", 1.0, "coast", 1.0, "sunset", 0.6, "sunrise", 0.6,
            "dusk", 0.6, "evening", 0.6, "dawn", 0.6, "twilight", 0.6, "golden", 0.3)),
    MOUNTAINS_DAY("mountains by day", weights(
            "mountain", 1.0, "mountains", 1.0, "alps", 1.0, "alpine", 1.0, "peaks", 1.0, "peak", 1.0,
            "valley", 0.8, "meadow", 0.8, "day", 0.5, "noon", 0.5, "sunny", 0.5, "clouds", 0.5)),
    NIGHT_SKY("night sky with moon and stars", weights(
            "night", 1.0, "moon", 1.0, "moonlit", 1.0, "stars", 1.0, "star", 1.0, "starry", 1.0, "midnight", 1.0,
            "galaxy", 1.0, "dark", 0.5, "sky", 0.3)),
    SNOWY_HILLS("snowy hills", weights(
            "snow", 1.0, "snowy", 1.0, "winter", 1.0, "hills", 1.0, "hill", 1.0, "ice", 0.8, "frozen", 0.8,
            "white", 0.4, "cold", 0.6, "day", 0.3)),
    DESERT_DUNES("desert dunes", weights(
            "desert", 1.0, "dunes", 1.0, "dune", 1.0, "sand", 1.0, "sandy", 1.0, "sahara", 1.0, "hot", 0.6,
            "sunset", 0.4, "dusk", 0.4, "dawn", 0.4, "golden", 0.4)),
    FOREST("forest", weights(
            "forest", 1.0, "trees", 1.0, "tree", 1.0, "woods", 1.0, "woodland", 1.0, "pines", 1.0, "pine", 1.0,
            "green", 0.5, "jungle", 0.8, "misty", 0.6, "mist", 0.6, "fog", 0.6, "foggy", 0.6)),
    /**
     * Snowy hills under a night sky. Its nouns weigh a little less than the day family's and its night words a
     * little less than the night sky's, so "snowy hills" stays by day, "night" stays a night sky, and "snowy hills
     * at night" — both named — is this family.
     */
    SNOWY_NIGHT("snowy hills at night", weights(
            "snow", 0.8, "snowy", 0.8, "winter", 0.8, "hills", 0.8, "hill", 0.8, "frozen", 0.6, "cold", 0.5,
            "night", 0.8, "moonlit", 0.8, "midnight", 0.8, "moon", 0.6, "dark", 0.4, "stars", 0.5));

    private final String description;
    private final Map<String, Double> keywords;

    SceneFamily(String description, Map<String, Double> keywords) {
        this.description = description;
        this.keywords = keywords;
    }

    /** What the family shows, e.g. "sunset over the sea". */
    String description() {
        return description;
    }

    /** Keyword → weight (1 for the family's nouns, less for words other families share). */
    Map<String, Double> keywords() {
        return keywords;
    }

    private static Map<String, Double> weights(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The families in mixture order (the order of the log-prior columns and the UNet's components). */
    static List<SceneFamily> all() {
        return List.of(values());
    }
}
