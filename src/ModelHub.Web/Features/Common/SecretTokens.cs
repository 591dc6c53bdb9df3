using System.Security.Cryptography;
using System.Text;

namespace ModelHub.Web.Features.Common;

/// <summary>Random bearer secrets (access tokens, invite links) and the hashes they are stored as.</summary>
public static class SecretTokens
{
    public static string Create(string prefix) =>
        prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256, hex: the secrets are 256 random bits, so a fast unsalted hash is enough to make a stolen table useless.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
