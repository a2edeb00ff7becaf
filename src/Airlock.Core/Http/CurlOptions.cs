namespace Airlock.Http;

/// <summary>curl's option table: which options take a value and which change the request.</summary>
internal static class CurlOptions
{
    // Every option of curl 8.x (src/tool_getparam.c) that takes an argument; an option missing
    // here would make its value look like a URL. Options that matter to Airlock are in Special.
    private static readonly HashSet<string> WithValue = new(StringComparer.Ordinal)
    {
        "abstract-unix-socket", "alt-svc", "aws-sigv4", "cacert", "capath", "cert", "cert-type", "ciphers",
        "config", "connect-timeout", "connect-to", "continue-at", "cookie", "cookie-jar", "create-file-mode",
        "crlfile", "curves", "delegation", "dns-interface", "dns-ipv4-addr", "dns-ipv6-addr", "dns-servers",
        "doh-url", "dump-header", "ech", "egd-file", "engine", "etag-compare", "etag-save", "expect100-timeout",
        "ftp-account", "ftp-alternative-to-user", "ftp-method", "ftp-port", "ftp-ssl-ccc-mode",
        "happy-eyeballs-timeout-ms", "haproxy-clientip", "hostpubmd5", "hostpubsha256", "hsts", "interface",
        "ip-tos", "ipfs-gateway", "keepalive-cnt", "keepalive-time", "key", "key-type", "knownhosts", "krb", "krb4",
        "libcurl", "limit-rate", "local-port", "login-options", "mail-auth", "mail-from", "mail-rcpt",
        "max-filesize", "max-redirs", "max-time", "netrc-file", "noproxy", "output", "output-dir", "parallel-max",
        "parallel-max-host", "pass", "pinnedpubkey", "preproxy", "proto", "proto-redir", "proxy", "proxy-cacert",
        "proxy-capath", "proxy-cert", "proxy-cert-type", "proxy-ciphers", "proxy-crlfile", "proxy-header",
        "proxy-key", "proxy-key-type", "proxy-pass", "proxy-pinnedpubkey", "proxy-service-name",
        "proxy-tls13-ciphers", "proxy-tlsauthtype", "proxy-tlspassword", "proxy-tlsuser", "proxy-user",
        "proxy1.0", "pubkey", "quote", "random-file", "range", "rate", "referer", "request-target", "resolve",
        "retry", "retry-delay", "retry-max-time", "sasl-authzid", "service-name", "sigalgs", "socks4", "socks4a",
        "socks5", "socks5-gssapi-service", "socks5-hostname", "speed-limit", "speed-time", "ssl-sessions",
        "stderr", "telnet-option", "tftp-blksize", "time-cond", "tls-max", "tls13-ciphers", "tlsauthtype",
        "tlspassword", "tlsuser", "trace", "trace-ascii", "trace-config", "unix-socket", "upload-flags", "user",
        "user-agent", "variable", "vlan-priority", "write-out",
    };

    private static readonly Dictionary<string, CurlOptionKind> Special = new(StringComparer.Ordinal)
    {
        ["request"] = CurlOptionKind.Request,
        ["data"] = CurlOptionKind.Data,
        ["data-ascii"] = CurlOptionKind.Data,
        ["data-binary"] = CurlOptionKind.Data,
        ["data-raw"] = CurlOptionKind.DataRaw,
        ["data-urlencode"] = CurlOptionKind.DataUrlEncode,
        ["json"] = CurlOptionKind.Json,
        ["form"] = CurlOptionKind.Form,
        ["form-string"] = CurlOptionKind.FormString,
        ["get"] = CurlOptionKind.Get,
        ["head"] = CurlOptionKind.Head,
        ["upload-file"] = CurlOptionKind.UploadFile,
        ["header"] = CurlOptionKind.Header,
        ["oauth2-bearer"] = CurlOptionKind.OAuth2Bearer,
        ["url"] = CurlOptionKind.Url,
        ["url-query"] = CurlOptionKind.UrlQuery,
        ["proto-default"] = CurlOptionKind.ProtoDefault,
        ["next"] = CurlOptionKind.Next,
        ["help"] = CurlOptionKind.Info,
        ["version"] = CurlOptionKind.Info,
        ["manual"] = CurlOptionKind.Info,
    };

    private static readonly Dictionary<char, string> Short = new()
    {
        ['a'] = "append",
        ['A'] = "user-agent",
        ['b'] = "cookie",
        ['B'] = "use-ascii",
        ['c'] = "cookie-jar",
        ['C'] = "continue-at",
        ['d'] = "data",
        ['D'] = "dump-header",
        ['e'] = "referer",
        ['E'] = "cert",
        ['f'] = "fail",
        ['F'] = "form",
        ['g'] = "globoff",
        ['G'] = "get",
        ['h'] = "help",
        ['H'] = "header",
        ['i'] = "show-headers",
        ['I'] = "head",
        ['j'] = "junk-session-cookies",
        ['J'] = "remote-header-name",
        ['k'] = "insecure",
        ['K'] = "config",
        ['l'] = "list-only",
        ['L'] = "location",
        ['m'] = "max-time",
        ['M'] = "manual",
        ['n'] = "netrc",
        ['N'] = "buffer",
        ['o'] = "output",
        ['O'] = "remote-name",
        ['p'] = "proxytunnel",
        ['P'] = "ftp-port",
        ['q'] = "disable",
        ['Q'] = "quote",
        ['r'] = "range",
        ['R'] = "remote-time",
        ['s'] = "silent",
        ['S'] = "show-error",
        ['t'] = "telnet-option",
        ['T'] = "upload-file",
        ['u'] = "user",
        ['U'] = "proxy-user",
        ['v'] = "verbose",
        ['V'] = "version",
        ['w'] = "write-out",
        ['x'] = "proxy",
        ['X'] = "request",
        ['y'] = "speed-time",
        ['Y'] = "speed-limit",
        ['z'] = "time-cond",
        ['Z'] = "parallel",
        ['0'] = "http1.0",
        ['1'] = "tlsv1",
        ['2'] = "sslv2",
        ['3'] = "sslv3",
        ['4'] = "ipv4",
        ['6'] = "ipv6",
        ['#'] = "progress-bar",
        [':'] = "next",
    };

    public static CurlOptionKind KindOf(string longName) =>
        Special.TryGetValue(longName, out var kind) ? kind
        : WithValue.Contains(longName) ? CurlOptionKind.Value
        : CurlOptionKind.Flag;

    public static bool TakesValue(CurlOptionKind kind) => kind is not
        (CurlOptionKind.Flag or CurlOptionKind.Get or CurlOptionKind.Head or CurlOptionKind.Next or CurlOptionKind.Info);

    public static string? LongNameOf(char letter) => Short.GetValueOrDefault(letter);
}
