using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Identities.Inference;

/// <summary>
/// Asks, once and without ONNX Runtime, whether its CUDA provider could start: the NVIDIA driver (libcuda.so.1)
/// with a device, the provider library with the CUDA libraries it links (cuBLAS, cuRAND, the CUDA runtime), and
/// cuDNN 9, which the provider opens later. ONNX Runtime answers the same question with a native error dump per
/// session on stderr; asking first lets a worker without a GPU say why in one line.
/// </summary>
public static partial class CudaProbe
{
    private const string Driver = "libcuda.so.1";
    private const string Provider = "libonnxruntime_providers_cuda.so";
    private const string CuDnn = "libcudnn.so.9";

    private static readonly Lazy<CudaAvailability>[] ByDevice =
        [.. Enumerable.Range(0, 65).Select(device => new Lazy<CudaAvailability>(() => Probe(device)))];

    public static CudaAvailability Check(int deviceId) => ByDevice[Math.Clamp(deviceId, 0, ByDevice.Length - 1)].Value;

    private static CudaAvailability Probe(int deviceId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new(false, "the CUDA provider is used on Linux only");
        }
        var provider = FindProvider();
        if (provider is null)
        {
            return new(false, $"ONNX Runtime's CUDA provider ({Provider}) is not installed (a CPU image)");
        }
        if (!NativeLibrary.TryLoad(Driver, out var driver))
        {
            return new(false, $"no NVIDIA driver ({Driver} not found)");
        }
        var devices = DeviceCount(driver);
        if (devices.Error is { } error)
        {
            return new(false, error);
        }
        if (devices.Count <= deviceId)
        {
            return new(false, $"CUDA device {deviceId} does not exist ({devices.Count} device(s) visible)");
        }
        try
        {
            // Kept loaded on success: ONNX Runtime opens the same file next.
            NativeLibrary.Load(provider);
        }
        catch (DllNotFoundException ex)
        {
            var missing = MissingLibrary().Match(ex.Message);
            return new(false, missing.Success
                ? $"{missing.Groups[1].Value} not found (the CUDA 13 libraries the provider links)"
                : $"{Provider} does not load: {ex.Message.Split('\n')[0]}");
        }
        if (!NativeLibrary.TryLoad(CuDnn, out _))
        {
            return new(false, $"cuDNN 9 ({CuDnn}) not found");
        }
        return new(true, $"{devices.Count} CUDA device(s)");
    }

    private static string? FindProvider()
    {
        string[] folders = [AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native")];
        return folders.Select(f => Path.Combine(f, Provider)).FirstOrDefault(File.Exists);
    }

    private static (int Count, string? Error) DeviceCount(IntPtr driver)
    {
        if (!NativeLibrary.TryGetExport(driver, "cuInit", out var initExport)
            || !NativeLibrary.TryGetExport(driver, "cuDeviceGetCount", out var countExport))
        {
            return (0, $"{Driver} lacks cuInit/cuDeviceGetCount (not an NVIDIA driver library)");
        }
        var init = Marshal.GetDelegateForFunctionPointer<CuInit>(initExport)(0);
        if (init != 0)
        {
            // 100 CUDA_ERROR_NO_DEVICE, 35 CUDA_ERROR_INSUFFICIENT_DRIVER, 999 CUDA_ERROR_UNKNOWN.
            return (0, $"the NVIDIA driver found no usable GPU (cuInit error {init})");
        }
        var result = Marshal.GetDelegateForFunctionPointer<CuDeviceGetCount>(countExport)(out var count);
        return result == 0 ? (count, null) : (0, $"cuDeviceGetCount failed (error {result})");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuInit(uint flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDeviceGetCount(out int count);

    [GeneratedRegex(@"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();
}
