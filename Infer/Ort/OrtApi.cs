using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harness.Infer.Ort;

/// <summary>
/// The ONNX Runtime C API function table, read as pointer-sized slots (<see cref="OrtApiSlot"/>) once per process
/// into static readonly function pointers, with thin wrappers. Every <c>OrtStatus*</c> result goes through
/// <see cref="Check"/>, the binding's single error path. Handles are raw pointers here; their owners
/// (<see cref="OrtHandle"/> subclasses) decide lifetimes.
/// </summary>
internal static unsafe class OrtApi
{
    // Must stay first: the initializers below read it (static fields initialize in textual order).
    private static readonly nint* Table = (nint*)OrtLibrary.Api;

    private static readonly delegate* unmanaged[Cdecl]<int, byte*, nint> s_createStatus =
        (delegate* unmanaged[Cdecl]<int, byte*, nint>)Table[OrtApiSlot.CreateStatus];

    private static readonly delegate* unmanaged[Cdecl]<nint, int> s_getErrorCode =
        (delegate* unmanaged[Cdecl]<nint, int>)Table[OrtApiSlot.GetErrorCode];

    private static readonly delegate* unmanaged[Cdecl]<nint, byte*> s_getErrorMessage =
        (delegate* unmanaged[Cdecl]<nint, byte*>)Table[OrtApiSlot.GetErrorMessage];

    private static readonly delegate* unmanaged[Cdecl]<int, byte*, nint*, nint> s_createEnv =
        (delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)Table[OrtApiSlot.CreateEnv];

    private static readonly delegate* unmanaged[Cdecl]<nint, void*, nint, nint*, nint> s_createSession =
        (delegate* unmanaged[Cdecl]<nint, void*, nint, nint*, nint>)Table[OrtApiSlot.CreateSession];

    private static readonly delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint> s_createSessionFromArray =
        (delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)Table[OrtApiSlot.CreateSessionFromArray];

    private static readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> s_run =
        (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Table[OrtApiSlot.Run];

    private static readonly delegate* unmanaged[Cdecl]<nint*, nint> s_createSessionOptions =
        (delegate* unmanaged[Cdecl]<nint*, nint>)Table[OrtApiSlot.CreateSessionOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, int, nint> s_setSessionExecutionMode =
        (delegate* unmanaged[Cdecl]<nint, int, nint>)Table[OrtApiSlot.SetSessionExecutionMode];

    private static readonly delegate* unmanaged[Cdecl]<nint, int, nint> s_setSessionGraphOptimizationLevel =
        (delegate* unmanaged[Cdecl]<nint, int, nint>)Table[OrtApiSlot.SetSessionGraphOptimizationLevel];

    private static readonly delegate* unmanaged[Cdecl]<nint, int, nint> s_setIntraOpNumThreads =
        (delegate* unmanaged[Cdecl]<nint, int, nint>)Table[OrtApiSlot.SetIntraOpNumThreads];

    private static readonly delegate* unmanaged[Cdecl]<nint, int, nint> s_setInterOpNumThreads =
        (delegate* unmanaged[Cdecl]<nint, int, nint>)Table[OrtApiSlot.SetInterOpNumThreads];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> s_sessionGetInputCount =
        (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Table[OrtApiSlot.SessionGetInputCount];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> s_sessionGetOutputCount =
        (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Table[OrtApiSlot.SessionGetOutputCount];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> s_sessionGetInputTypeInfo =
        (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Table[OrtApiSlot.SessionGetInputTypeInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> s_sessionGetOutputTypeInfo =
        (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Table[OrtApiSlot.SessionGetOutputTypeInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> s_sessionGetInputName =
        (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)Table[OrtApiSlot.SessionGetInputName];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> s_sessionGetOutputName =
        (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)Table[OrtApiSlot.SessionGetOutputName];

    private static readonly delegate* unmanaged[Cdecl]<nint*, nint> s_createRunOptions =
        (delegate* unmanaged[Cdecl]<nint*, nint>)Table[OrtApiSlot.CreateRunOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> s_createTensorWithData =
        (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)Table[OrtApiSlot.CreateTensorWithDataAsOrtValue];

    private static readonly delegate* unmanaged[Cdecl]<nint, void**, nint> s_getTensorMutableData =
        (delegate* unmanaged[Cdecl]<nint, void**, nint>)Table[OrtApiSlot.GetTensorMutableData];

    private static readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> s_castTypeInfoToTensorInfo =
        (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Table[OrtApiSlot.CastTypeInfoToTensorInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, int*, nint> s_getTensorElementType =
        (delegate* unmanaged[Cdecl]<nint, int*, nint>)Table[OrtApiSlot.GetTensorElementType];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> s_getDimensionsCount =
        (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Table[OrtApiSlot.GetDimensionsCount];

    private static readonly delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> s_getDimensions =
        (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Table[OrtApiSlot.GetDimensions];

    private static readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> s_getTensorShapeElementCount =
        (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Table[OrtApiSlot.GetTensorShapeElementCount];

    private static readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> s_getTensorTypeAndShape =
        (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Table[OrtApiSlot.GetTensorTypeAndShape];

    private static readonly delegate* unmanaged[Cdecl]<int, int, nint*, nint> s_createCpuMemoryInfo =
        (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Table[OrtApiSlot.CreateCpuMemoryInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, void*, nint> s_allocatorFree =
        (delegate* unmanaged[Cdecl]<nint, void*, nint>)Table[OrtApiSlot.AllocatorFree];

    private static readonly delegate* unmanaged[Cdecl]<nint*, nint> s_getAllocatorWithDefaultOptions =
        (delegate* unmanaged[Cdecl]<nint*, nint>)Table[OrtApiSlot.GetAllocatorWithDefaultOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseEnv =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseEnv];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseStatus =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseStatus];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseMemoryInfo =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseMemoryInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseSession =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseSession];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseValue =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseValue];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseRunOptions =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseRunOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseTypeInfo =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseTypeInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseTensorTypeAndShapeInfo =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseTensorTypeAndShapeInfo];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseSessionOptions =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseSessionOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> s_sessionGetModelMetadata =
        (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Table[OrtApiSlot.SessionGetModelMetadata];

    private static readonly delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint> s_lookupCustomMetadataMap =
        (delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint>)Table[OrtApiSlot.ModelMetadataLookupCustomMetadataMap];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseModelMetadata =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseModelMetadata];

    private static readonly delegate* unmanaged[Cdecl]<byte***, int*, nint> s_getAvailableProviders =
        (delegate* unmanaged[Cdecl]<byte***, int*, nint>)Table[OrtApiSlot.GetAvailableProviders];

    private static readonly delegate* unmanaged[Cdecl]<byte**, int, nint> s_releaseAvailableProviders =
        (delegate* unmanaged[Cdecl]<byte**, int, nint>)Table[OrtApiSlot.ReleaseAvailableProviders];

    private static readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> s_addSessionConfigEntry =
        (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Table[OrtApiSlot.AddSessionConfigEntry];

    private static readonly delegate* unmanaged[Cdecl]<nint, nint, nint> s_appendCudaV2 =
        (delegate* unmanaged[Cdecl]<nint, nint, nint>)Table[OrtApiSlot.SessionOptionsAppendExecutionProviderCudaV2];

    private static readonly delegate* unmanaged[Cdecl]<nint*, nint> s_createCudaProviderOptions =
        (delegate* unmanaged[Cdecl]<nint*, nint>)Table[OrtApiSlot.CreateCudaProviderOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> s_updateCudaProviderOptions =
        (delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)Table[OrtApiSlot.UpdateCudaProviderOptions];

    private static readonly delegate* unmanaged[Cdecl]<nint, void> s_releaseCudaProviderOptions =
        (delegate* unmanaged[Cdecl]<nint, void>)Table[OrtApiSlot.ReleaseCudaProviderOptions];

    /// <summary>
    /// The single error path: a non-null <c>OrtStatus*</c> is read (code and message), released, and thrown as
    /// <see cref="OrtException"/>. Success costs one comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(nint status)
    {
        if (status != 0)
        {
            ThrowFromStatus(status);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromStatus(nint status)
    {
        OrtErrorCode code;
        string message;
        try
        {
            code = (OrtErrorCode)s_getErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)s_getErrorMessage(status)) ?? "";
        }
        finally
        {
            s_releaseStatus(status);
        }

        throw new OrtException(code, message);
    }

    // ---- status -------------------------------------------------------------------------------------------------

    /// <summary>Creates an <c>OrtStatus</c> (ORT copies the message); pass it to <see cref="Check"/>.</summary>
    public static nint CreateStatus(OrtErrorCode code, string message)
    {
        fixed (byte* m = Utf8Z.Encode(message))
        {
            return s_createStatus((int)code, m);
        }
    }

    // ---- environment, options, sessions -------------------------------------------------------------------------

    public static OrtEnvHandle CreateEnv(int logLevel, string logId)
    {
        nint env;
        fixed (byte* id = Utf8Z.Encode(logId))
        {
            Check(s_createEnv(logLevel, id, &env));
        }

        return new OrtEnvHandle(env);
    }

    public static OrtSessionOptionsHandle CreateSessionOptions()
    {
        nint options;
        Check(s_createSessionOptions(&options));
        return new OrtSessionOptionsHandle(options);
    }

    public static void SetSessionExecutionMode(nint options, int mode) => Check(s_setSessionExecutionMode(options, mode));

    public static void SetSessionGraphOptimizationLevel(nint options, int level) =>
        Check(s_setSessionGraphOptimizationLevel(options, level));

    public static void SetIntraOpNumThreads(nint options, int threads) => Check(s_setIntraOpNumThreads(options, threads));

    public static void SetInterOpNumThreads(nint options, int threads) => Check(s_setInterOpNumThreads(options, threads));

    public static void AddSessionConfigEntry(nint options, string key, string value)
    {
        fixed (byte* k = Utf8Z.Encode(key))
        fixed (byte* v = Utf8Z.Encode(value))
        {
            Check(s_addSessionConfigEntry(options, k, v));
        }
    }

    /// <summary>Appends the CUDA execution provider on <paramref name="deviceId"/> (fails on a CPU build).</summary>
    public static void AppendCudaProvider(nint options, int deviceId)
    {
        nint cuda;
        Check(s_createCudaProviderOptions(&cuda));
        try
        {
            fixed (byte* key = Utf8Z.Encode("device_id"))
            fixed (byte* value = Utf8Z.Encode(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                var keys = stackalloc byte*[1] { key };
                var values = stackalloc byte*[1] { value };
                Check(s_updateCudaProviderOptions(cuda, keys, values, 1));
            }

            Check(s_appendCudaV2(options, cuda));
        }
        finally
        {
            s_releaseCudaProviderOptions(cuda);
        }
    }

    public static OrtSessionHandle CreateSession(nint env, string path, nint options)
    {
        nint session;
        if (OperatingSystem.IsWindows())
        {
            // ORTCHAR_T is wchar_t on Windows; .NET strings are NUL-terminated UTF-16.
            fixed (char* p = path)
            {
                Check(s_createSession(env, p, options, &session));
            }
        }
        else
        {
            fixed (byte* p = Utf8Z.Encode(path))
            {
                Check(s_createSession(env, p, options, &session));
            }
        }

        return new OrtSessionHandle(session);
    }

    public static OrtSessionHandle CreateSessionFromArray(nint env, ReadOnlySpan<byte> model, nint options)
    {
        nint session;
        fixed (byte* p = model)
        {
            Check(s_createSessionFromArray(env, p, (nuint)model.Length, options, &session));
        }

        return new OrtSessionHandle(session);
    }

    /// <summary>The hot path: one call into ORT's Run, no managed allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(
        nint session, nint runOptions, byte** inputNames, nint* inputs, nuint inputCount,
        byte** outputNames, nuint outputCount, nint* outputs) =>
        Check(s_run(session, runOptions, inputNames, inputs, inputCount, outputNames, outputCount, outputs));

    public static OrtRunOptionsHandle CreateRunOptions()
    {
        nint runOptions;
        Check(s_createRunOptions(&runOptions));
        return new OrtRunOptionsHandle(runOptions);
    }

    // ---- session introspection ----------------------------------------------------------------------------------

    public static int SessionGetInputCount(nint session)
    {
        nuint count;
        Check(s_sessionGetInputCount(session, &count));
        return checked((int)count);
    }

    public static int SessionGetOutputCount(nint session)
    {
        nuint count;
        Check(s_sessionGetOutputCount(session, &count));
        return checked((int)count);
    }

    /// <summary>Name of input (or output) <paramref name="index"/>, copied and freed on the default allocator.</summary>
    public static string SessionGetName(nint session, int index, bool input)
    {
        var allocator = DefaultAllocator;
        byte* name;
        Check(input
            ? s_sessionGetInputName(session, (nuint)index, allocator, &name)
            : s_sessionGetOutputName(session, (nuint)index, allocator, &name));
        try
        {
            return Marshal.PtrToStringUTF8((nint)name) ?? "";
        }
        finally
        {
            Check(s_allocatorFree(allocator, name));
        }
    }

    /// <summary>Type info of input (or output) <paramref name="index"/>; release with <see cref="ReleaseTypeInfo"/>.</summary>
    public static nint SessionGetTypeInfo(nint session, int index, bool input)
    {
        nint typeInfo;
        Check(input
            ? s_sessionGetInputTypeInfo(session, (nuint)index, &typeInfo)
            : s_sessionGetOutputTypeInfo(session, (nuint)index, &typeInfo));
        return typeInfo;
    }

    /// <summary>The tensor view of a type info (borrowed, never released); 0 when the value is not a tensor.</summary>
    public static nint CastTypeInfoToTensorInfo(nint typeInfo)
    {
        nint tensorInfo;
        Check(s_castTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        return tensorInfo;
    }

    public static int GetTensorElementType(nint tensorInfo)
    {
        int type;
        Check(s_getTensorElementType(tensorInfo, &type));
        return type;
    }

    /// <summary>The dimensions of a tensor info; -1 marks a symbolic dimension.</summary>
    public static long[] GetDimensions(nint tensorInfo)
    {
        nuint rank;
        Check(s_getDimensionsCount(tensorInfo, &rank));
        var dims = new long[checked((int)rank)];
        fixed (long* d = dims)
        {
            Check(s_getDimensions(tensorInfo, d, rank));
        }

        return dims;
    }

    public static long GetTensorShapeElementCount(nint tensorInfo)
    {
        nuint count;
        Check(s_getTensorShapeElementCount(tensorInfo, &count));
        return checked((long)count);
    }

    /// <summary>Type and shape of a tensor value; release with <see cref="ReleaseTensorTypeAndShapeInfo"/>.</summary>
    public static nint GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(s_getTensorTypeAndShape(value, &info));
        return info;
    }

    public static nint SessionGetModelMetadata(nint session)
    {
        nint metadata;
        Check(s_sessionGetModelMetadata(session, &metadata));
        return metadata;
    }

    /// <summary>The custom metadata value for <paramref name="key"/>, or null when the model has no such key.</summary>
    public static string? LookupCustomMetadata(nint metadata, string key)
    {
        var allocator = DefaultAllocator;
        byte* value;
        fixed (byte* k = Utf8Z.Encode(key))
        {
            Check(s_lookupCustomMetadataMap(metadata, allocator, k, &value));
        }

        if (value == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value);
        }
        finally
        {
            Check(s_allocatorFree(allocator, value));
        }
    }

    // ---- values and memory --------------------------------------------------------------------------------------

    public static OrtMemoryInfoHandle CreateCpuMemoryInfo(int allocatorType, int memoryType)
    {
        nint info;
        Check(s_createCpuMemoryInfo(allocatorType, memoryType, &info));
        return new OrtMemoryInfoHandle(info);
    }

    /// <summary>
    /// A tensor over caller memory: ORT never frees or moves <paramref name="data"/>, which must stay pinned and
    /// alive as long as the value.
    /// </summary>
    public static OrtValueHandle CreateTensorWithData(
        nint memoryInfo, void* data, nuint byteLength, ReadOnlySpan<long> shape, OrtElementType elementType)
    {
        nint value;
        fixed (long* s = shape)
        {
            Check(s_createTensorWithData(memoryInfo, data, byteLength, s, (nuint)shape.Length, (int)elementType, &value));
        }

        return new OrtValueHandle(value);
    }

    public static void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(s_getTensorMutableData(value, &data));
        return data;
    }

    /// <summary>The process-wide default CPU allocator (owned by ORT, never released).</summary>
    public static nint DefaultAllocator
    {
        get
        {
            nint allocator;
            Check(s_getAllocatorWithDefaultOptions(&allocator));
            return allocator;
        }
    }

    /// <summary>Names of the execution providers compiled into the library.</summary>
    public static string[] GetAvailableProviders()
    {
        byte** names;
        int count;
        Check(s_getAvailableProviders(&names, &count));
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? "";
            }

            return result;
        }
        finally
        {
            Check(s_releaseAvailableProviders(names, count));
        }
    }

    // ---- releases (void, accept NULL) ---------------------------------------------------------------------------

    public static void ReleaseEnv(nint p) => s_releaseEnv(p);

    public static void ReleaseStatus(nint p) => s_releaseStatus(p);

    public static void ReleaseMemoryInfo(nint p) => s_releaseMemoryInfo(p);

    public static void ReleaseSession(nint p) => s_releaseSession(p);

    public static void ReleaseValue(nint p) => s_releaseValue(p);

    public static void ReleaseRunOptions(nint p) => s_releaseRunOptions(p);

    public static void ReleaseTypeInfo(nint p) => s_releaseTypeInfo(p);

    public static void ReleaseTensorTypeAndShapeInfo(nint p) => s_releaseTensorTypeAndShapeInfo(p);

    public static void ReleaseSessionOptions(nint p) => s_releaseSessionOptions(p);

    public static void ReleaseModelMetadata(nint p) => s_releaseModelMetadata(p);
}
