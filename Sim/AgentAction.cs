namespace Harness.Sim;

/// <summary>
/// The discrete action set (tank controls, egocentric): each tick an agent either keeps still, drives forward
/// or backward along its heading, or turns by one heading step (22.5°) in place. Velocity follows the target
/// velocity of the action with simple inertia (<see cref="SimConstants.AgentResponse"/>).
/// </summary>
public enum AgentAction
{
    /// <summary>No thrust: the agent slows down.</summary>
    Stay = 0,

    /// <summary>Target velocity <see cref="SimConstants.AgentSpeed"/> along the heading.</summary>
    Forward = 1,

    /// <summary>Target velocity half the top speed against the heading.</summary>
    Back = 2,

    /// <summary>Rotate counter-clockwise by one heading step; no thrust.</summary>
    TurnLeft = 3,

    /// <summary>Rotate clockwise by one heading step; no thrust.</summary>
    TurnRight = 4,
}

/// <summary>Facts about <see cref="AgentAction"/> used by datasets and policies.</summary>
public static class AgentActions
{
    /// <summary>Number of actions (the policy's output width).</summary>
    public const int Count = 5;

    /// <summary>Class names of the behaviour-cloning dataset, indexed by action value.</summary>
    public static IReadOnlyList<string> Names { get; } = ["stay", "forward", "back", "turn-left", "turn-right"];
}
