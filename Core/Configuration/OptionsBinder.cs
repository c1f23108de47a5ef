using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Harness.Core.Configuration;

/// <summary>
/// Binds configuration sections to option classes and reports every problem of every section in one
/// <see cref="UsageException"/>: values that do not parse, keys no option class knows (typos), and values
/// outside their allowed ranges.
/// </summary>
public sealed class OptionsBinder
{
    private readonly IConfiguration _configuration;
    private readonly List<string> _errors = new();

    public OptionsBinder(IConfiguration configuration) => _configuration = configuration;

    /// <summary>Binds section <paramref name="section"/> to a new <typeparamref name="T"/> and validates it.</summary>
    public T Bind<T>(string section) where T : IValidatedOptions, new()
    {
        var options = new T();
        var config = _configuration.GetSection(section);
        foreach (var child in config.GetChildren())
        {
            var property = typeof(T).GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                var known = string.Join(", ", typeof(T).GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
                _errors.Add($"{section}:{child.Key} is not a known setting (known: {known})");
                continue;
            }

            try
            {
                var value = child.Get(property.PropertyType);
                if (value is not null)
                {
                    property.SetValue(options, value);
                }
            }
            catch (InvalidOperationException)
            {
                _errors.Add($"{section}:{child.Key} = '{child.Value}': not a valid {Describe(property.PropertyType)}");
            }
        }

        _errors.AddRange(options.Validate().Select(error => $"{section}:{error}"));
        return options;
    }

    /// <summary>Adds problems found across sections (already phrased "Section:Key = value: …").</summary>
    public void AddErrors(IEnumerable<string> errors) => _errors.AddRange(errors);

    /// <summary>Throws one <see cref="UsageException"/> listing every problem found by the binds so far.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new UsageException("Invalid configuration:\n  - " + string.Join("\n  - ", _errors) +
                                     "\nFix appsettings.json, the HARNESS__ variables or the --Section:Key=value overrides.");
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ when type == typeof(double) || type == typeof(float) => "number",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type.IsArray => $"list of {Describe(type.GetElementType()!)}s",
        _ => type.Name,
    };
}
