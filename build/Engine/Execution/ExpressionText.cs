using System.Linq.Expressions;

namespace BuildGraph;

/// <summary>
/// Names what a Requires(() => Version) or InputValues(() => GitVersion.SemVer) lambda reads: the member chain as written.
/// Any other body is shown as Expression.ToString(), as Nuke shows a requirement's body.
/// </summary>
internal static class ExpressionText
{
    public static string Of(LambdaExpression lambda) => Render(lambda.Body);

    static string Render(Expression expression) => expression switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert => Render(convert.Operand),
        MemberExpression { Expression: null or ConstantExpression } member => member.Member.Name,
        MemberExpression { Expression: { } owner } member => $"{Render(owner)}.{member.Member.Name}",
        _ => expression.ToString(),
    };
}
