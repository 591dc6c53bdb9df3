using System.ComponentModel.DataAnnotations;

namespace ModelHub.Web.Features.Mail;

/// <summary>Settings under <c>Mail</c>. With no <see cref="SmtpHost"/>, mail goes to the in-app outbox.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required, EmailAddress]
    public string From { get; set; } = "modelhub@localhost";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpUseTls { get; set; } = true;

    public string? SmtpUserName { get; set; }

    /// <summary>Set through an environment variable or user-secrets, never in appsettings.json.</summary>
    public string? SmtpPassword { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);
}
