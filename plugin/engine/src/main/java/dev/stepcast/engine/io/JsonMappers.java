package dev.stepcast.engine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/**
 * Jackson mappers for Stepcast. Jackson's default {@link TypeFactory} is a static singleton with a cache of every type
 * it resolved; when Jackson is on the host's class path (the plugin loader's parent) that cache would keep Stepcast's
 * classes — and so the plugin's class loader — alive after the plugin stopped. Each mapper made here has a type cache
 * of its own, which goes away with the mapper.
 *
 * <p><b>Threads:</b> any thread; a mapper is thread-safe once configured, as Jackson's are.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    /** A new mapper with its own type cache (otherwise Jackson's defaults). */
    public static ObjectMapper create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200)));
        return mapper;
    }
}
