using System.Net;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.Web.Features.Mail;

public interface IMailSender
{
    Task SendAsync(string to, string subject, string htmlBody, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends through SMTP when <c>Mail:SmtpHost</c> is set; otherwise keeps the message in the outbox
/// table, which instance administrators read in the app. Messages sent through SMTP are not kept,
/// so password-reset links are never readable by anyone but their recipient in production.
/// </summary>
internal sealed partial class MailSender(
    IDbContextFactory<ModelHubDbContext> dbFactory,
    IOptions<MailOptions> options,
    ILogger<MailSender> logger) : IMailSender
{
    public async Task SendAsync(string to, string subject, string htmlBody, CancellationToken cancellationToken = default)
    {
        var mail = options.Value;
        if (mail.UsesSmtp)
        {
            using var client = new SmtpClient(mail.SmtpHost, mail.SmtpPort) { EnableSsl = mail.SmtpUseTls };
            if (!string.IsNullOrEmpty(mail.SmtpUserName))
            {
                client.Credentials = new NetworkCredential(mail.SmtpUserName, mail.SmtpPassword);
            }

            using var message = new MailMessage(mail.From, to, subject, htmlBody) { IsBodyHtml = true };
            await client.SendMailAsync(message, cancellationToken);
            LogSent(subject, "smtp");
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.OutboxMessages.Add(new OutboxMessage { To = to, Subject = subject, HtmlBody = htmlBody });
        await db.SaveChangesAsync(cancellationToken);
        LogSent(subject, "outbox");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail '{Subject}' delivered to {Channel}")]
    private partial void LogSent(string subject, string channel);
}

/// <summary>Identity's account mails (confirmation, password reset) through <see cref="IMailSender"/>.</summary>
internal sealed class IdentityMailSender(IMailSender sender) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        sender.SendAsync(email, "Confirm your ModelHub email",
            $"<p>Confirm your ModelHub account by <a href='{confirmationLink}'>clicking here</a>.</p>");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        sender.SendAsync(email, "Reset your ModelHub password",
            $"<p>Reset your ModelHub password by <a href='{resetLink}'>clicking here</a>. If you did not ask for this, ignore this message.</p>");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        sender.SendAsync(email, "Reset your ModelHub password",
            $"<p>Your ModelHub password reset code is: {WebUtility.HtmlEncode(resetCode)}</p>");
}
