using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Tests.Functions;

/// <summary>
/// An in-process Lambda endpoint speaking the real REST-JSON wire format (paths, bodies, status codes,
/// x-amzn-ErrorType errors) for the operations a release uses. Functions are keyed by the region of the
/// request's SigV4 credential scope, so a call signed for the wrong region does not find them. New code is
/// fetched from S3 through <paramref name="readObject"/> and hashed, as Lambda does, to give CodeSha256.
/// </summary>
public sealed class FakeLambda : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, string, Task<byte[]?>> _readObject;
    private readonly Dictionary<(string Region, string Name), Function> _functions = new();
    private readonly List<string> _calls = [];
    private readonly Lock _gate = new();

    public FakeLambda(Func<string, string, Task<byte[]?>> readObject)
    {
        _readObject = readObject;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}");
        }
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>"METHOD path" of every request, in order (writes and reads).</summary>
    public IReadOnlyList<string> Calls { get { lock (_gate) return _calls.ToList(); } }

    public sealed class Function(string region, string name, string codeSha256)
    {
        public string Region { get; } = region;
        public string Name { get; } = name;
        public string CodeSha256 { get; set; } = codeSha256;
        public string RevisionId { get; set; } = Guid.NewGuid().ToString();
        public List<string> Versions { get; } = [codeSha256];
        public Dictionary<string, (string Version, string RevisionId)> Aliases { get; } = new();
        public string LastUpdateStatus { get; set; } = "Successful";
        public string? LastUpdateStatusReason { get; set; }

        /// <summary>How many reads an update stays InProgress.</summary>
        public int UpdateReads { get; set; } = 2;

        /// <summary>When set, the function changes (new RevisionId) just before the next UpdateFunctionCode arrives.</summary>
        public bool ChangedByOthersBeforeNextUpdate { get; set; }

        /// <summary>
        /// When set, the next update is applied but its answer is lost: the client sees what its retry of the same
        /// request would get, a 412 for the revision the update itself changed.
        /// </summary>
        public bool LoseAnswerOfNextUpdate { get; set; }

        /// <summary>When set, the next update ends Failed with this reason.</summary>
        public string? FailNextUpdate { get; set; }

        /// <summary>Reads left until a running update settles.</summary>
        public int PendingReads { get; set; }
    }

    public Function Add(string region, string name, string codeSha256, string? alias = "live")
    {
        var function = new Function(region, name, codeSha256);
        if (alias is not null) function.Aliases[alias] = ("1", Guid.NewGuid().ToString());
        lock (_gate) _functions[(region, name)] = function;
        return function;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.InputStream).ReadToEndAsync();
        var path = request.Url!.AbsolutePath;
        lock (_gate) _calls.Add($"{request.HttpMethod} {path}{request.Url.Query}");
        var scope = (request.Headers["Authorization"] ?? "").Split("Credential=").ElementAtOrDefault(1)?.Split(',')[0].Split('/') ?? [];
        (int Status, string Json, string? Error) answer;
        if (scope.Length != 5 || scope[3] != "lambda")
            answer = (403, """{"message":"Missing or malformed SigV4 credential scope"}""", "InvalidSignatureException");
        else
            answer = await AnswerAsync(scope[2], request.HttpMethod, path.Split('/').Select(Uri.UnescapeDataString).ToArray(), request.QueryString["Qualifier"], body);
        var bytes = Encoding.UTF8.GetBytes(answer.Json);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        if (answer.Error is not null) context.Response.Headers["x-amzn-ErrorType"] = answer.Error;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    // path: ["", "2015-03-31", "functions", name, (configuration|code|versions|aliases), alias?]
    private async Task<(int, string, string?)> AnswerAsync(string region, string method, string[] path, string? qualifier, string body)
    {
        if (path.Length < 5 || path[1] != "2015-03-31" || path[2] != "functions") return (404, """{"message":"Unknown operation"}""", "UnknownOperationException");
        Function? function;
        lock (_gate) _functions.TryGetValue((region, path[3]), out function);
        if (function is null) return NotFound($"Function not found: arn:aws:lambda:{region}:333333333333:function:{path[3]}");
        var input = body.Length > 0 ? JsonNode.Parse(body)!.AsObject() : new JsonObject();
        string? Text(string name) => input[name]?.GetValue<string>();

        lock (function)
        {
            switch (method, path[4], path.Length)
            {
                case ("GET", "configuration", 5):
                    if (qualifier is null)
                    {
                        if (function.PendingReads > 0 && --function.PendingReads == 0) Settle(function);
                        return (200, Configuration(function, "$LATEST", function.CodeSha256), null);
                    }
                    if (!function.Aliases.TryGetValue(qualifier, out var target)) return NotFound($"Function not found: arn:aws:lambda:{region}:333333333333:function:{function.Name}:{qualifier}");
                    return (200, Configuration(function, target.Version, function.Versions[int.Parse(target.Version) - 1]), null);
                case ("PUT", "code", 5):
                    if (function.ChangedByOthersBeforeNextUpdate)
                    {
                        function.ChangedByOthersBeforeNextUpdate = false;
                        function.RevisionId = Guid.NewGuid().ToString();
                    }
                    if (function.LastUpdateStatus == "InProgress") return (409, """{"message":"The operation cannot be performed at this time. An update is in progress for resource"}""", "ResourceConflictException");
                    if (Text("RevisionId") is { } revision && revision != function.RevisionId) return (412, """{"message":"The Revision Id provided does not match the latest Revision Id."}""", "PreconditionFailedException");
                    break;
                case ("POST", "versions", 5):
                    if (Text("CodeSha256") is { } sha && sha != function.CodeSha256) return (412, """{"message":"CodeSHA256 does not match"}""", "InvalidParameterValueException");
                    if (Text("RevisionId") is { } rev && rev != function.RevisionId) return (412, """{"message":"The Revision Id provided does not match the latest Revision Id."}""", "PreconditionFailedException");
                    if (function.Versions[^1] != function.CodeSha256) function.Versions.Add(function.CodeSha256);
                    return (201, Configuration(function, function.Versions.Count.ToString(), function.CodeSha256), null);
                case ("GET", "aliases", 6):
                    return function.Aliases.TryGetValue(path[5], out var alias) ? (200, Alias(function, path[5]), null) : NotFound($"Alias not found: {path[5]}");
                case ("PUT", "aliases", 6):
                    if (!function.Aliases.TryGetValue(path[5], out var existing)) return NotFound($"Alias not found: {path[5]}");
                    if (Text("RevisionId") is { } aliasRevision && aliasRevision != existing.RevisionId) return (412, """{"message":"The Revision Id provided does not match"}""", "PreconditionFailedException");
                    function.Aliases[path[5]] = (Text("FunctionVersion")!, Guid.NewGuid().ToString());
                    return (200, Alias(function, path[5]), null);
                case ("POST", "aliases", 5):
                    if (function.Aliases.ContainsKey(Text("Name")!)) return (409, """{"message":"Alias already exists"}""", "ResourceConflictException");
                    function.Aliases[Text("Name")!] = (Text("FunctionVersion")!, Guid.NewGuid().ToString());
                    return (201, Alias(function, Text("Name")!), null);
                default:
                    return (404, """{"message":"Unknown operation"}""", "UnknownOperationException");
            }
        }

        // UpdateFunctionCode: Lambda fetches the package from S3 and hashes it.
        var zip = await _readObject(Text("S3Bucket") ?? "", Text("S3Key") ?? "");
        if (zip is null) return (400, """{"message":"Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist."}""", "InvalidParameterValueException");
        lock (function)
        {
            function.CodeSha256 = Convert.ToBase64String(SHA256.HashData(zip));
            function.RevisionId = Guid.NewGuid().ToString();
            function.LastUpdateStatus = "InProgress";
            function.PendingReads = function.UpdateReads;
            if (function.PendingReads == 0) Settle(function);
            if (function.LoseAnswerOfNextUpdate)
            {
                function.LoseAnswerOfNextUpdate = false;
                return (412, """{"message":"The Revision Id provided does not match the latest Revision Id."}""", "PreconditionFailedException");
            }
            return (200, Configuration(function, "$LATEST", function.CodeSha256), null);
        }
    }

    private static void Settle(Function function)
    {
        function.LastUpdateStatus = function.FailNextUpdate is null ? "Successful" : "Failed";
        function.LastUpdateStatusReason = function.FailNextUpdate;
        function.FailNextUpdate = null;
        function.RevisionId = Guid.NewGuid().ToString();
    }

    private static (int, string, string?) NotFound(string message) =>
        (404, JsonSerializer.Serialize(new { Type = "User", message }), "ResourceNotFoundException");

    private static string Configuration(Function function, string version, string codeSha256) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["FunctionName"] = function.Name,
        ["FunctionArn"] = $"arn:aws:lambda:{function.Region}:333333333333:function:{function.Name}" + (version == "$LATEST" ? "" : ":" + version),
        ["Runtime"] = "nodejs20.x",
        ["Handler"] = "index.handler",
        ["CodeSha256"] = codeSha256,
        ["Version"] = version,
        ["State"] = "Active",
        ["LastUpdateStatus"] = function.LastUpdateStatus,
        ["LastUpdateStatusReason"] = function.LastUpdateStatusReason,
        ["RevisionId"] = function.RevisionId,
    });

    private static string Alias(Function function, string name) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["AliasArn"] = $"arn:aws:lambda:{function.Region}:333333333333:function:{function.Name}:{name}",
        ["Name"] = name,
        ["FunctionVersion"] = function.Aliases[name].Version,
        ["RevisionId"] = function.Aliases[name].RevisionId,
    });

    public void Dispose()
    {
        if (!_listener.IsListening) return;
        _listener.Stop();
        _listener.Close();
    }
}
