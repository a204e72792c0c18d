package dev.stepcast.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepcast.engine.ModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sdapi v1 lists both sdapi servers answer the same way (A1111 and SD.Next, whose v2 jobs API keeps them):
 * checkpoints from {@code /sdapi/v1/sd-models} (their {@code title}, else {@code model_name}) and sampler names from
 * {@code /sdapi/v1/samplers}.
 *
 * <p><b>Threads:</b> stateless; called on the thread that lists.
 */
final class SdapiLists {

    private static final String MODELS = "/sdapi/v1/sd-models";
    private static final String SAMPLERS = "/sdapi/v1/samplers";

    private SdapiLists() {
    }

    static List<String> checkpoints(RemoteHttp http) throws ModelException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode m : array(http, MODELS, "a model list")) {
            names.add(m.path("title").asText(m.path("model_name").asText()));
        }
        return names;
    }

    static List<String> samplers(RemoteHttp http) throws ModelException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode s : array(http, SAMPLERS, "a sampler list")) {
            names.add(s.path("name").asText());
        }
        return names;
    }

    private static JsonNode array(RemoteHttp http, String route, String what)
            throws ModelException, InterruptedException {
        JsonNode answer = http.getJson(route);
        if (!answer.isArray()) {
            throw new RemoteException(http.resolve(route), http.resolve(route) + " answered JSON that is not " + what);
        }
        return answer;
    }
}
