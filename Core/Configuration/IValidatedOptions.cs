namespace Harness.Core.Configuration;

/// <summary>An options class bound from one configuration section that checks its own values.</summary>
public interface IValidatedOptions
{
    /// <summary>
    /// Every problem with the current values, each naming the key, the value and what is allowed
    /// ("Epochs = 0: must be between 1 and 10000"). Empty when the values are usable.
    /// </summary>
    IEnumerable<string> Validate();
}
