using System.Text;
using Airlock.Http;

namespace Airlock.Tests.Http;

/// <summary>
/// Splits a command line into words the way a POSIX shell would, without expanding anything,
/// so tests can be written as the commands agents actually type.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<HttpCall> Parse(string commandLine)
    {
        var words = Split(commandLine);
        return HttpCommandParser.Parse(words[0], words.Skip(1).ToList());
    }

    public static HttpCall ParseSingle(string commandLine) => Assert.Single(Parse(commandLine));

    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inWord = true;
                var end = text.IndexOf('\'', i + 1);
                word.Append(text, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                inWord = true;
                for (i++; text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && text[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        i++;
                    }

                    word.Append(text[i]);
                }
            }
            else if (c == '\\')
            {
                inWord = true;
                word.Append(text[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
