using System.Linq.Expressions;

namespace BuildGraph;

/// <summary>Checks Requires(...) of every target about to run, before any of them runs.</summary>
internal static class Requirements
{
    /// <summary>One line per unmet requirement, naming the parameter and how to set it.</summary>
    public static IReadOnlyList<string> Check(IEnumerable<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = new List<string>();
        foreach (var target in targets)
        {
            foreach (var requirement in target.Definition.Requirements)
            {
                var value = requirement.Compile(preferInterpretation: true).DynamicInvoke();
                if (requirement.ReturnType == typeof(bool))
                {
                    if (value is false)
                        problems.Add($"Target '{target.Name}' requires {ExpressionText.Of(requirement)}, which is false.");
                }
                else if (IsMissing(value))
                    problems.Add(Missing(target, requirement, parameters));
            }
        }
        return problems.Distinct().ToList();
    }

    static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        string[] array => array.Length == 0,
        _ => false,
    };

    static string Missing(ExecutableTarget target, LambdaExpression requirement, IReadOnlyList<ParameterMember> parameters)
    {
        var body = requirement.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : requirement.Body;
        var parameter = body is MemberExpression member ? parameters.FirstOrDefault(p => p.Member.Name == member.Member.Name) : null;
        return parameter is null
            ? $"Target '{target.Name}' requires {ExpressionText.Of(requirement)} to be set."
            : $"Target '{target.Name}' requires parameter '{parameter.MemberName}': pass {parameter.CommandLineName} <{parameter.TypeLabel}> or set {parameter.EnvironmentName}.";
    }
}
