using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Accounts;

/// <summary>Per-user display preferences, kept on the account so they follow the user between browsers.</summary>
public sealed class UserPreferences(IDbContextFactory<ModelHubDbContext> dbFactory)
{
    public async Task<UiTheme> GetThemeAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (userId is null)
        {
            return UiTheme.Light;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Theme).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task SetThemeAsync(Caller caller, UiTheme theme, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == caller.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Theme, theme), cancellationToken);
    }
}
