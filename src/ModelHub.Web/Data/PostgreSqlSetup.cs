using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelHub.Web.Data;

/// <summary>What the PostgreSQL provider needs beyond a connection string, shared by the app and the design-time factory.</summary>
internal static class PostgreSqlSetup
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).AddInterceptors(new CaseInsensitiveLike());
}

/// <summary>
/// Turns <c>EF.Functions.Like</c> into PostgreSQL's <c>ILIKE</c>. Searches are written once with
/// <c>Like</c> and count on SQLite and SQL Server matching without regard to case; PostgreSQL's
/// <c>LIKE</c> compares case-sensitively, <c>ILIKE</c> does not (non-ASCII letters included).
/// </summary>
internal sealed class CaseInsensitiveLike : ExpressionVisitor, IQueryExpressionInterceptor
{
    private static readonly MethodInfo Like = Method(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), 3);
    private static readonly MethodInfo LikeEscaped = Method(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), 4);
    private static readonly MethodInfo ILike = Method(typeof(NpgsqlDbFunctionsExtensions), nameof(NpgsqlDbFunctionsExtensions.ILike), 3);
    private static readonly MethodInfo ILikeEscaped = Method(typeof(NpgsqlDbFunctionsExtensions), nameof(NpgsqlDbFunctionsExtensions.ILike), 4);

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => Visit(queryExpression);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var replacement = node.Method == Like ? ILike : node.Method == LikeEscaped ? ILikeEscaped : null;
        return replacement is null
            ? base.VisitMethodCall(node)
            : Expression.Call(replacement, node.Arguments.Select(Visit)!);
    }

    private static MethodInfo Method(Type type, string name, int parameterCount) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameterCount && m.GetParameters().Skip(1).All(p => p.ParameterType == typeof(string)));
}
