using System.Security.Cryptography;
using System.Text;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// A prompt's id in exports: the same system prompt and conversation give the same id across runs,
/// so scores and votes on one prompt can be grouped however many times it was run.
/// </summary>
public static class PromptIdentity
{
    public static string Of(string? systemPrompt, string messagesJson)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{systemPrompt}\u0000{messagesJson}"));
        return "p_" + Convert.ToHexStringLower(hash)[..16];
    }
}
