namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Separates <c>&lt;think&gt;…&lt;/think&gt;</c> blocks from the answer as text streams in. A tag may be
/// split across chunks, so a trailing fragment that could be the start of a tag is held back until
/// the next chunk says what it is.
/// </summary>
public sealed class ThinkTagSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";

    private string pending = "";
    private bool inThought;

    public (string Answer, string Reasoning) Push(string chunk)
    {
        var text = pending + chunk;
        pending = "";
        var answer = new System.Text.StringBuilder();
        var reasoning = new System.Text.StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var tag = inThought ? Close : Open;
            var found = text.IndexOf(tag, position, StringComparison.Ordinal);
            if (found >= 0)
            {
                (inThought ? reasoning : answer).Append(text, position, found - position);
                position = found + tag.Length;
                inThought = !inThought;
                continue;
            }

            var held = PartialTagLength(text, tag);
            var end = Math.Max(position, text.Length - held);
            (inThought ? reasoning : answer).Append(text, position, end - position);
            pending = text[end..];
            break;
        }

        return (answer.ToString(), reasoning.ToString());
    }

    /// <summary>Whatever was held back, once the stream has ended.</summary>
    public (string Answer, string Reasoning) Flush()
    {
        var rest = pending;
        pending = "";
        return inThought ? ("", rest) : (rest, "");
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that begins <paramref name="tag"/>.</summary>
    private static int PartialTagLength(string text, string tag)
    {
        for (var length = Math.Min(tag.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(tag.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}

/// <summary>A rough token count for providers that report none: about four characters a token in English.</summary>
public static class TokenEstimator
{
    public static int Estimate(string text) => (int)Math.Ceiling(text.Length / 4.0);

    public static int EstimateInput(string? systemPrompt, IEnumerable<ChatMessage> messages) =>
        Estimate(systemPrompt ?? "") + messages.Sum(m => Estimate(m.Text) + 4);
}
