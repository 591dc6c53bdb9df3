using Microsoft.AspNetCore.Components.Authorization;

namespace ModelHub.Web.Features.Common;

public static class AuthenticationStateExtensions
{
    public static async Task<Caller> CallerAsync(this Task<AuthenticationState> state) => Caller.From((await state).User);
}
