namespace Harness.Infer.Ort;

/// <summary>
/// The process-wide <c>OrtEnv</c> (ORT itself keeps one per process), created on first use with log level
/// warning and kept for the life of the process. Every session is created in it.
/// </summary>
public sealed class OrtEnvironment
{
    /// <summary>ORT's logging level "warning" (OrtLoggingLevel: verbose 0, info 1, warning 2, error 3, fatal 4).</summary>
    public const int LogLevelWarning = 2;

    /// <summary>The log identifier ORT prints with each message.</summary>
    public const string LogId = "harness";

    private static readonly Lock Gate = new();
    private static OrtEnvironment? s_instance;

    private OrtEnvironment(OrtEnvHandle handle)
    {
        Handle = handle;
    }

    /// <summary>The environment; loads the native library and creates the <c>OrtEnv</c> on first use.</summary>
    public static OrtEnvironment Instance
    {
        get
        {
            var instance = Volatile.Read(ref s_instance);
            if (instance is not null)
            {
                return instance;
            }

            lock (Gate)
            {
                if (s_instance is null)
                {
                    OrtLibrary.EnsureLoaded();
                    Volatile.Write(ref s_instance, new OrtEnvironment(OrtApi.CreateEnv(LogLevelWarning, LogId)));
                }

                return s_instance!;
            }
        }
    }

    internal OrtEnvHandle Handle { get; }
}
