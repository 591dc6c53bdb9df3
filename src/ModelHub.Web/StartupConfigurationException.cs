namespace ModelHub.Web;

/// <summary>A setting is missing or malformed; the message names the key and what to put there.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
