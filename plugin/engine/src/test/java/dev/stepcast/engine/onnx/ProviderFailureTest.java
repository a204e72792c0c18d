package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.ModelException;
import ai.onnxruntime.OrtException;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's real provider-failure texts become one line that names the cause and never blames the model. */
class ProviderFailureTest {

    @Test
    void missing_cublas_lt_is_named_with_its_cuda_major_version() {
        // ORT's ProviderLibrary::Get() text when libonnxruntime_providers_cuda.so cannot be dlopen'ed
        String ort = "onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL :"
                + " Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot"
                + " open shared object file: No such file or directory";
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, ort)).isEqualTo(
                "CUDA 12 cuBLAS (libcublasLt.so.12) is missing, so CUDA could not start: " + ProviderFailure.CUDA_INSTALL);
    }

    @Test
    void the_real_fallback_on_a_cuda_less_linux_machine_names_libcublas_lt_from_the_loaders_text() {
        // Measured: the -Pcuda jar (onnxruntime_gpu 1.23.2) on linux-x64 without CUDA. ORT's exception names no
        // library; ProviderLibraryProbe's System.load of the extracted provider adds the loader's line.
        String ort = "Error code - ORT_FAIL - message: OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load"
                + " shared library\n"
                + "/tmp/onnxruntime-java10079664145682909323/libonnxruntime_providers_cuda.so: libcublasLt.so.12:"
                + " cannot open shared object file: No such file or directory";
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, ort)).isEqualTo(
                "CUDA 12 cuBLAS (libcublasLt.so.12) is missing, so CUDA could not start: install an NVIDIA driver for"
                        + " CUDA 12, the CUDA 12 runtime libraries (cudart, cuBLAS, cuFFT, cuRAND) and cuDNN 9 on the"
                        + " library path (see README, \"CPU or GPU\")");
    }

    @Test
    void the_real_onnx_runtime_log_line_of_the_same_failure_names_the_same_library() {
        // Measured: ORT 1.23.2's own log line for that failure (printed only when its logging is below FATAL)
        String ortLog = "2026-11-29 05:53:48.822953784 [E:onnxruntime:stepcast, provider_bridge_ort.cc:1993 Create]"
                + " /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1844 onnxruntime::Provider&"
                + " onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library"
                + " libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared object file:"
                + " No such file or directory";
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, ortLog))
                .startsWith("CUDA 12 cuBLAS (libcublasLt.so.12) is missing, so CUDA could not start: install");
    }

    @Test
    void the_probe_finds_the_native_libraries_onnx_runtime_extracted_for_this_process() {
        OrtEnvironments.get();
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("onnxruntime.native.path") == null,
                "natives come from a fixed folder");
        assertThat(ProviderLibraryProbe.extractedLibrary("onnxruntime"))
                .hasValueSatisfying(p -> assertThat(p.getFileName().toString())
                        .isEqualTo(System.mapLibraryName("onnxruntime")));
        assertThat(ProviderLibraryProbe.extractedLibrary("no_such_provider")).isEmpty();
    }

    @Test
    void missing_cudnn_is_named() {
        String ort = "Failed to load library libonnxruntime_providers_cuda.so with error: libcudnn.so.9: cannot open"
                + " shared object file: No such file or directory";
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, ort)).startsWith("cuDNN 9 (libcudnn.so.9) is missing");
    }

    @Test
    void missing_driver_library_says_driver() {
        String ort = "Failed to load library libonnxruntime_providers_cuda.so with error: libcuda.so.1: cannot open"
                + " shared object file: No such file or directory";
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, ort))
                .startsWith("The NVIDIA driver (libcuda 1) (libcuda.so.1) is missing");
    }

    @Test
    void no_device_and_old_driver_and_unsupported_gpu_are_told_apart() {
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, "CUDA failure 100: no CUDA-capable device is"
                + " detected ; GPU=0 ; hostname=x ; file=cuda_execution_provider.cc"))
                .isEqualTo("CUDA could not start: no NVIDIA GPU was found (nvidia-smi lists none)");
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, "CUDA failure 35: CUDA driver version is"
                + " insufficient for CUDA runtime version ; GPU=0"))
                .isEqualTo("CUDA could not start: the NVIDIA driver is too old for CUDA 12; update the driver");
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, "CUDA failure 209: no kernel image is available"
                + " for execution on the device ; GPU=0")).contains("this GPU is not supported");
    }

    @Test
    void windows_load_library_failure_says_a_dll_is_missing() {
        String ort = "LoadLibrary failed with error 126 \"\" when trying to load"
                + " \"C:\\app\\onnxruntime_providers_cuda.dll\"";
        assertThat(ProviderFailure.explain(ExecutionProvider.CUDA, ort))
                .startsWith("A DLL that CUDA needs is missing, so it could not start: install an NVIDIA driver");
    }

    @Test
    void the_bare_failed_to_load_text_still_says_what_to_install_and_never_blames_the_model() {
        String line = ProviderFailure.explain(ExecutionProvider.CUDA, "Failed to load shared library");
        assertThat(line).startsWith("CUDA could not start: a library it needs is missing")
                .doesNotContainIgnoringCase("onnx model").doesNotContain("model.onnx");
    }

    @Test
    void a_valid_model_on_a_provider_that_cannot_start_is_a_provider_failure_not_a_broken_model(@TempDir Path temp) {
        org.junit.jupiter.api.Assumptions.assumeFalse(ExecutionProviders.available().contains(ExecutionProvider.CUDA),
                "this build has CUDA");
        Path unet = TestModels.write(temp, SyntheticOptions.defaults()).resolve("unet/model.onnx");
        assertThatThrownBy(() -> new SessionOpener(OrtEnvironments.get(), ExecutionProvider.CUDA).open(unet))
                .isInstanceOf(ProviderStartException.class)
                .hasMessageStartingWith("CUDA could not start")
                .hasMessageNotContaining("not a valid ONNX model");
    }

    @Test
    void a_file_that_is_not_onnx_is_the_models_problem_on_an_accelerator_too(@TempDir Path temp) {
        Path file = temp.resolve("model.onnx");
        OrtException parse = new OrtException(OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF,
                "Load model from model.onnx failed:Protobuf parsing failed.");

        ModelException e = new SessionOpener(OrtEnvironments.get(), ExecutionProvider.CUDA).invalid(file, parse, parse);

        assertThat(e).isNotInstanceOf(ProviderStartException.class);
        assertThat(e.getMessage()).startsWith("Cannot load " + file + ": not a valid ONNX model for CUDA (")
                .endsWith("Protobuf parsing failed.)");
    }

    @Test
    void a_missing_library_is_remembered_for_the_process_and_a_failure_without_a_known_cause_is_not(
            @TempDir Path temp) {
        SessionOpener cuda = new SessionOpener(OrtEnvironments.get(), ExecutionProvider.CUDA);
        OrtException missing = new OrtException(OrtException.OrtErrorCode.ORT_FAIL,
                "libcublasLt.so.12: cannot open shared object file: No such file or directory");
        OrtException memory = new OrtException(OrtException.OrtErrorCode.ORT_FAIL,
                "CUDA failure 2: out of memory ; GPU=0");

        ModelException lasting = cuda.invalid(temp, missing, missing);
        ModelException passing = cuda.invalid(temp, memory, memory);

        assertThat(lasting).isInstanceOf(ProviderStartException.class);
        assertThat(((ProviderStartException) lasting).lasting()).as("a missing library stays").isEqualTo(true);
        assertThat(passing).isInstanceOf(ProviderStartException.class)
                .hasMessage("CUDA could not start (Error code - ORT_FAIL - message: CUDA failure 2: out of memory ;"
                        + " GPU=0)");
        assertThat(((ProviderStartException) passing).lasting()).as("out of memory may pass").isEqualTo(false);
    }
}
