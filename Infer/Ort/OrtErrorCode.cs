namespace Harness.Infer.Ort;

/// <summary>ONNX Runtime's <c>OrtErrorCode</c> (same numbers as the C enum).</summary>
public enum OrtErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>Generic failure.</summary>
    Fail = 1,

    /// <summary>An argument was invalid.</summary>
    InvalidArgument = 2,

    /// <summary>A file does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>No model was loaded.</summary>
    NoModel = 4,

    /// <summary>Engine error.</summary>
    EngineError = 5,

    /// <summary>An exception was raised while running.</summary>
    RuntimeException = 6,

    /// <summary>The model bytes are not a valid protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>A model is already loaded.</summary>
    ModelLoaded = 8,

    /// <summary>The feature is not implemented (in this build).</summary>
    NotImplemented = 9,

    /// <summary>The graph is invalid.</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed.</summary>
    EpFail = 11,

    /// <summary>Model loading was canceled.</summary>
    ModelLoadCanceled = 12,

    /// <summary>The model needs compiling by an execution provider, which was disabled.</summary>
    ModelRequiresCompilation = 13,

    /// <summary>A requested resource was not found.</summary>
    NotFound = 14,

    /// <summary>The execution provider's device was reset.</summary>
    DeviceReset = 15,
}
