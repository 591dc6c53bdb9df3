namespace ModelHub.Web.Features.Mail;

/// <summary>A message kept in the database when no SMTP server is configured, for administrators to read.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;
}
