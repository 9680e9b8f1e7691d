using System.Runtime.InteropServices;

namespace RiskRadar.DevBroker.Native;

/// <summary>
/// The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) needed to host its mock cluster.
/// The library is the one librdkafka.redist ships for Confluent.Kafka, so client and broker share a build.
/// </summary>
internal static partial class LibRdKafka
{
    private const string Library = "librdkafka";

    static LibRdKafka() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);

    public const int ProducerType = 0;
    public const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_version_str")]
    public static partial IntPtr VersionString();

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    public static partial IntPtr ErrorToString(int err);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr MockClusterBootstraps(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void MockBrokerSetHostPort(IntPtr cluster, int brokerId, string host, int port);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    public static partial void MockGroupInitialRebalanceDelayMs(IntPtr cluster, int delayMs);

    /// <summary>
    /// Loads the same file Confluent.Kafka loads: the generic Linux build needs libsasl2.so.3, which Debian
    /// does not ship, so like Confluent.Kafka we fall back to the self-contained centos8 build.
    /// </summary>
    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        if (OperatingSystem.IsLinux())
        {
            var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
            var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native");
            foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so" })
            {
                if (NativeLibrary.TryLoad(Path.Combine(folder, file), out var handle))
                {
                    return handle;
                }
            }
        }

        return NativeLibrary.TryLoad(name, assembly, searchPath, out var fallback) ? fallback : IntPtr.Zero;
    }

    public static string ErrorText(int err) => Marshal.PtrToStringUTF8(ErrorToString(err)) ?? $"error {err}";

    public static string Version => Marshal.PtrToStringUTF8(VersionString()) ?? "unknown";
}
