namespace Airlock.Http;

/// <summary>What a curl option means to Airlock; everything not listed is <see cref="Flag"/> or <see cref="Value"/>.</summary>
internal enum CurlOptionKind
{
    /// <summary>Takes no value and does not change the request Airlock cares about.</summary>
    Flag,
    /// <summary>Takes a value that does not change the request Airlock cares about (<c>-o</c>, <c>-A</c>, <c>-m</c>).</summary>
    Value,
    Request,
    Data,
    DataRaw,
    DataUrlEncode,
    Json,
    Form,
    FormString,
    Get,
    Head,
    UploadFile,
    Header,
    OAuth2Bearer,
    Url,
    UrlQuery,
    ProtoDefault,
    Next,
    /// <summary>Help, version and manual: curl prints and sends nothing.</summary>
    Info,
}
