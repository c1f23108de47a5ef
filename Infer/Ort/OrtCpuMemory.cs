namespace Harness.Infer.Ort;

/// <summary>The <c>OrtMemoryInfo</c> describing ordinary CPU memory, used for tensors over managed buffers.</summary>
internal static class OrtCpuMemory
{
    /// <summary>OrtAllocatorType.OrtArenaAllocator.</summary>
    private const int ArenaAllocator = 1;

    /// <summary>OrtMemType.OrtMemTypeDefault.</summary>
    private const int MemTypeDefault = 0;

    /// <summary>A new CPU memory info (arena allocator, default memory type); the caller owns it.</summary>
    public static OrtMemoryInfoHandle Create() => OrtApi.CreateCpuMemoryInfo(ArenaAllocator, MemTypeDefault);
}
