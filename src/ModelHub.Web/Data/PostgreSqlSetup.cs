using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelHub.Web.Data;

/// <summary>What the PostgreSQL provider needs beyond a connection string, shared by the app and the design-time factory.</summary>
internal static class PostgreSqlSetup
{
    // One instance for every context: a query interceptor is part of what EF keys its internal
    // service provider on, so a new instance per options would build a new provider each time.
    private static readonly CaseInsensitiveLike Like = new();
    private static readonly MicrosecondTimes Times = new();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).AddInterceptors(Like, Times);
}

/// <summary>
/// Rounds the times about to be saved down to whole microseconds, as PostgreSQL stores them, so an
/// entity in memory after a save equals what a later read returns (.NET counts in 100 ns ticks).
/// </summary>
internal sealed class MicrosecondTimes : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Round(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Round(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Round(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is DateTime time && time.Ticks % TimeSpan.TicksPerMicrosecond != 0)
                {
                    property.CurrentValue = new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerMicrosecond, time.Kind);
                }
            }
        }
    }
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
