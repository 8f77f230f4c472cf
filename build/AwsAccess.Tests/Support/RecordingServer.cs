using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AwsAccess.Tests;

/// <summary>An in-process HTTP endpoint that records every request and answers with what the test says.</summary>
public sealed class RecordingServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _loop;

    public RecordingServer(Func<RecordedRequest, CannedResponse>? respond = null)
    {
        Respond = respond ?? CannedAws.Respond;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try { _listener.Start(); Url = new Uri($"http://127.0.0.1:{port}"); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; private set; } = null!;

    public Func<RecordedRequest, CannedResponse> Respond { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>The environment that points every AWS service at this server.</summary>
    public AwsEnvironment Environment(params (string Name, string Value)[] more)
    {
        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Url.ToString() };
        foreach (var (name, value) in more) variables[name] = value;
        return new AwsEnvironment(variables);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => HandleAsync(context)); // concurrently: a slow answer must not hold up the next request
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var raw = context.Request.RawUrl ?? "/";
        var question = raw.IndexOf('?');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? name in context.Request.Headers.AllKeys)
        {
            if (name is not null) headers[name.ToLowerInvariant()] = context.Request.Headers[name] ?? "";
        }
        var request = new RecordedRequest(context.Request.HttpMethod, question < 0 ? raw : raw[..question],
            question < 0 ? "" : raw[(question + 1)..], headers, body.ToArray());
        lock (_requests) _requests.Add(request);

        CannedResponse response;
        try { response = Respond(request); }
        catch (Exception error) { response = new CannedResponse(599, error.ToString(), "text/plain"); }
        if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay);
        var bytes = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout tests); nothing to answer.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_listener.IsListening) return;
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

public sealed record CannedResponse(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public TimeSpan Delay { get; init; }

    public static CannedResponse Json(int status, string body) => new(status, body);

    public static CannedResponse Xml(int status, string body, IReadOnlyDictionary<string, string>? headers = null) => new(status, body, "text/xml", headers);
}
