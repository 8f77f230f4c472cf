using System.Globalization;
using System.Linq.Expressions;

namespace BuildGraph;

/// <summary>
/// Renders a condition lambda as the source text a reader wrote ("IsServerBuild", "!IsLocalBuild",
/// "Environment == \"prod\""), dropping the closure noise of Expression.ToString().
/// </summary>
internal static class ExpressionText
{
    public static string Of(LambdaExpression lambda) => Render(lambda.Body);

    static string Render(Expression expression) => expression switch
    {
        MemberExpression { Expression: null or ConstantExpression } member => member.Member.Name,
        MemberExpression member => $"{Render(member.Expression!)}.{member.Member.Name}",
        UnaryExpression { NodeType: ExpressionType.Not } not => "!" + Wrap(not.Operand),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Quote } convert => Render(convert.Operand),
        BinaryExpression binary => RenderBinary(binary),
        ConstantExpression constant => Literal(constant.Value),
        MethodCallExpression call => RenderCall(call),
        ConditionalExpression conditional => $"{Wrap(conditional.Test)} ? {Wrap(conditional.IfTrue)} : {Wrap(conditional.IfFalse)}",
        _ => expression.ToString(),
    };

    static string RenderBinary(BinaryExpression binary)
    {
        var op = binary.NodeType switch
        {
            ExpressionType.AndAlso => "&&",
            ExpressionType.OrElse => "||",
            ExpressionType.Equal => "==",
            ExpressionType.NotEqual => "!=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.Add => "+",
            ExpressionType.Subtract => "-",
            ExpressionType.Coalesce => "??",
            ExpressionType.And => "&",
            ExpressionType.Or => "|",
            _ => null,
        };
        if (op is null)
            return binary.ToString();
        // Enum comparisons compile to (int)x == 1: show the enum member instead of the number.
        var left = binary.Left;
        var right = binary.Right;
        return $"{Wrap(left)} {op} {RenderAgainst(right, left)}";
    }

    static string RenderAgainst(Expression expression, Expression other)
    {
        if (expression is ConstantExpression { Value: { } value } && other is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            var enumType = Nullable.GetUnderlyingType(convert.Operand.Type) ?? convert.Operand.Type;
            if (enumType.IsEnum)
                return $"{enumType.Name}.{Enum.ToObject(enumType, value)}";
        }
        return Wrap(expression);
    }

    static string RenderCall(MethodCallExpression call)
    {
        var arguments = string.Join(", ", call.Arguments.Select(Render));
        var target = call.Object is null ? call.Method.DeclaringType?.Name
            : call.Object is ConstantExpression ? null
            : Render(call.Object);
        return target is null ? $"{call.Method.Name}({arguments})" : $"{target}.{call.Method.Name}({arguments})";
    }

    static string Wrap(Expression expression)
    {
        var text = Render(expression);
        return expression is BinaryExpression or ConditionalExpression ? $"({text})" : text;
    }

    static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        Enum e => $"{e.GetType().Name}.{e}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
