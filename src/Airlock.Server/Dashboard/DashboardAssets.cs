using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Dashboard;

/// <summary>
/// The dashboard's files (HTML, CSS, JavaScript modules), embedded in the server's assembly and served
/// under <c>/dashboard/</c> from the same origin as the API. No build step and no Node.js at run time.
/// Every page is sent with a strict Content-Security-Policy: scripts and styles only from this server,
/// no inline script, no framing.
/// </summary>
internal static class DashboardAssets
{
    public const string Prefix = "/dashboard/";
    private const string ResourcePrefix = "dashboard/";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    public static IResult Serve(HttpContext context, string? path)
    {
        // Relative links in the page resolve against /dashboard/, so /dashboard itself redirects there.
        if (!context.Request.Path.Value!.EndsWith('/') && string.IsNullOrEmpty(path))
        {
            return Results.Redirect(Prefix);
        }

        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Assets.Value.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Revalidated on every load, so a new gateway version never runs with an old script.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"";
            assets[resource[ResourcePrefix.Length..]] = new Asset(bytes, ContentTypeOf(resource), etag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
