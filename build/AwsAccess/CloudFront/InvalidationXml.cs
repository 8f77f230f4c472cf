using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AwsAccess;

/// <summary>CloudFront's REST-XML shapes for invalidations and distributions (API 2020-05-31).</summary>
internal static class InvalidationXml
{
    public static readonly XNamespace Ns = "http://cloudfront.amazonaws.com/doc/2020-05-31/";

    public static byte[] Batch(IReadOnlyList<string> paths, string callerReference)
    {
        var document = new XElement(Ns + "InvalidationBatch",
            new XElement(Ns + "Paths",
                new XElement(Ns + "Quantity", paths.Count.ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "Items", paths.Select(p => new XElement(Ns + "Path", p)))),
            new XElement(Ns + "CallerReference", callerReference));
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true }))
        {
            document.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    public static Invalidation ReadInvalidation(string body)
    {
        var root = XDocument.Parse(body).Root ?? throw new XmlException("empty document");
        var batch = root.Element(Ns + "InvalidationBatch");
        var created = root.Element(Ns + "CreateTime")?.Value;
        return new Invalidation(
            Required(root, "Id"),
            Required(root, "Status"),
            created is null ? null : DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            batch?.Element(Ns + "Paths")?.Element(Ns + "Items")?.Elements(Ns + "Path").Select(p => p.Value).ToList() ?? [],
            batch?.Element(Ns + "CallerReference")?.Value ?? "");
    }

    public static DistributionInfo ReadDistribution(string body, string? etag)
    {
        var root = XDocument.Parse(body).Root ?? throw new XmlException("empty document");
        return new DistributionInfo(Required(root, "Id"), root.Element(Ns + "Status")?.Value ?? "", root.Element(Ns + "DomainName")?.Value ?? "", etag);
    }

    private static string Required(XElement root, string name) =>
        root.Element(Ns + name)?.Value ?? throw new XmlException($"CloudFront response has no <{name}>");
}
