namespace Harness.Sim;

/// <summary>
/// What a ray hit or what covers a point. The first six values are the ray one-hot slots (in this order) and
/// the image classes of the view dataset; <see cref="Agent"/> is drawn in views but never sensed by rays.
/// </summary>
public enum EntityKind : byte
{
    /// <summary>Open floor within range.</summary>
    Nothing = 0,

    /// <summary>An interior wall or the arena border.</summary>
    Wall = 1,

    /// <summary>A pickup (+1 when touched).</summary>
    Pickup = 2,

    /// <summary>A static hazard (−1 when touched).</summary>
    Hazard = 3,

    /// <summary>A moving drone (−1 when touched).</summary>
    Drone = 4,

    /// <summary>A mine: the hazard type that exists only under the unseen-entity shift.</summary>
    Mine = 5,

    /// <summary>Another agent (views only).</summary>
    Agent = 6,
}
