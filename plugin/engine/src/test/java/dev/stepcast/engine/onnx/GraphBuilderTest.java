package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    @Test
    void built_graph_runs_in_onnx_runtime_with_dynamic_dims() throws Exception {
        GraphBuilder g = new GraphBuilder("scale");
        g.input("x", GraphBuilder.FLOAT, "batch", 2);
        g.initializer("two", new float[] {2f}, 1);
        g.op("Mul", "y", new String[] {"x", "two"});
        g.output("y", GraphBuilder.FLOAT, "batch", 2);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(g.toBytes(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}),
                     new long[] {3, 2});
             OrtSession.Result result = session.run(Map.of("x", x))) {
            float[][] y = (float[][]) result.get(0).getValue();
            assertThat(y[2]).containsExactly(10f, 12f);
        }
    }
}
