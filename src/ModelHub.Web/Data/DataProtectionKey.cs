namespace ModelHub.Web.Data;

/// <summary>One Data Protection key, as the XML the key manager writes.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
