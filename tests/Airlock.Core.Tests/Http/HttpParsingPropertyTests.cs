using Airlock.Http;
using FsCheck;
using FsCheck.Fluent;

namespace Airlock.Tests.Http;

public sealed class HttpParsingPropertyTests
{
    // Fragments that steer random input into the parsers' interesting paths.
    private static readonly string[] GraphQlPieces =
    [
        "{", "}", "(", ")", "[", "]", ":", "$", "@", "!", "=", "...", "\"", "\"\"\"", "\\", "#", "\n", " ", ",",
        "query", "mutation", "subscription", "fragment", "on", "a", "volumeDelete", "1", "-1.5e3", "x: ",
    ];

    private static readonly string[] ArgPieces =
    [
        "-X", "-XDELETE", "-d", "-G", "-I", "-F", "-T", "-H", "--json", "--data-urlencode", "--next", "--", "-",
        "-sSL", "-fsSLX", "--url", "--url-query", "--method=", "--post-file", "-Method", "-Uri", "@", "@-", "=",
        "==", ":=", ":", "https://", "http://localhost:3000/graphql", "{\"query\":\"mutation { a }\"}", "[", "{",
        "--header=", "-O", "-qO-", "--raw", ":3000", "DELETE", "a=b", "x:=1", "f@g", "%", "?token=", "#",
    ];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static readonly string[] Programs = ["curl", "wget", "http", "https", "xh", "Invoke-WebRequest", "irm", "ls"];

    [Fact]
    public void GraphQlParse_AnyText_NeverThrows()
    {
        var text = Gen.OneOf(ArbMap.Default.GeneratorFor<string>(), PiecesOf(GraphQlPieces)).ToArbitrary();

        Prop.ForAll(text, document =>
        {
            var result = GraphQlDocument.Parse(document ?? "");
            return result.Parsed || result.Operations.Count == 0;
        }).Check(Config);
    }

    [Fact]
    public void CommandParse_AnyArguments_NeverThrowsAndClassifies()
    {
        var arg = Gen.OneOf(Gen.Elements(ArgPieces), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null), PiecesOf(ArgPieces));
        var input = Gen.Zip(Gen.Elements(Programs), Gen.ListOf(arg)).ToArbitrary();

        Prop.ForAll(input, pair =>
        {
            var calls = HttpCommandParser.Parse(pair.Item1, pair.Item2);
            return calls.All(c => HttpClassifier.Classify(c).Count > 0);
        }).Check(Config);
    }

    [Fact]
    public void GraphQlBody_AnyText_NeverThrows()
    {
        var text = Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null), PiecesOf(GraphQlPieces), PiecesOf(ArgPieces)).ToArbitrary();

        Prop.ForAll(text, body =>
        {
            GraphQlBody.FromBody(body, expectGraphQl: true);
            GraphQlBody.FromBody(body, expectGraphQl: false);
            GraphQlBody.FromQueryString(body, expectGraphQl: true);
            UrlRedactor.Redact(body);
            return true;
        }).Check(Config);
    }

    private static Gen<string> PiecesOf(string[] pieces) =>
        Gen.ListOf(Gen.Elements(pieces)).Select(list => string.Concat(list));
}
