package dev.stepcast.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.remote.RemoteServer.Protocol;
import dev.stepcast.engine.SchedulerKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteServerTest {

    @Test
    void credentialsInTheUrlMoveIntoUserAndPasswordAndLeaveTheUrl() {
        RemoteServer s = RemoteServer.parse("http://ann:s%3Acret@gpu-box:7860/", Protocol.AUTO);

        assertThat(s.url()).isEqualTo(URI.create("http://gpu-box:7860"));
        assertThat(s.user()).isEqualTo("ann");
        assertThat(s.password()).isEqualTo("s:cret");
        assertThat(s.toString()).doesNotContain("s:cret").contains("****");
        assertThat(s.name()).isEqualTo("gpu-box:7860");
    }

    @Test
    void aBareHostGetsHttpAndDefaultTimeouts() {
        RemoteServer s = RemoteServer.parse("localhost:8188/comfy/", Protocol.COMFYUI);

        assertThat(s.url()).isEqualTo(URI.create("http://localhost:8188/comfy"));
        assertThat(s.user()).isNull();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedNamingIt() {
        assertThatThrownBy(() -> RemoteServer.parse("ftp://box", Protocol.AUTO))
                .hasMessage("server URL ftp://box must start with http:// or https://");
    }

    @Test
    void protocolsParseByTheirCliNames() {
        assertThat(Protocol.parse("sdnext-v2")).contains(Protocol.SDNEXT_V2);
        assertThat(Protocol.parse("ComfyUI")).contains(Protocol.COMFYUI);
        assertThat(Protocol.parse("grpc")).isEmpty();
    }

    @Test
    void samplersMapToEachServersNames() {
        assertThat(SamplerNames.sdapi(SchedulerKind.EULER_ANCESTRAL, List.of()))
                .isEqualTo(new SamplerNames.Sdapi("Euler a", null));
        assertThat(SamplerNames.sdapi(SchedulerKind.DPMPP_2M_KARRAS, List.of("DPM++ 2M", "Euler a")))
                .isEqualTo(new SamplerNames.Sdapi("DPM++ 2M", "Karras"));
        assertThat(SamplerNames.sdapi(SchedulerKind.DPMPP_2M_KARRAS, List.of("DPM++ 2M Karras")))
                .isEqualTo(new SamplerNames.Sdapi("DPM++ 2M Karras", null));
        assertThat(SamplerNames.sdapi(SchedulerKind.PNDM, List.of("PLMS"))).isEqualTo(new SamplerNames.Sdapi("PLMS", null));
        assertThat(SamplerNames.comfy(SchedulerKind.EULER_ANCESTRAL))
                .isEqualTo(new SamplerNames.Comfy("euler_ancestral", "normal"));
        assertThat(SamplerNames.comfy(SchedulerKind.DPMPP_2M_KARRAS)).isEqualTo(new SamplerNames.Comfy("dpmpp_2m", "karras"));
        assertThat(SamplerNames.sdapi(null, List.of())).isNull();
    }
}
