using Microsoft.AspNetCore.Identity;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.Web.Features.Mail;

public static class MailSetup
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IMailSender, MailSender>();
        builder.Services.AddSingleton<IEmailSender<ApplicationUser>, IdentityMailSender>();
        return builder;
    }
}
