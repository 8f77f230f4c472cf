using System.Text;
using System.Text.Json;

namespace Deploy.Environments;

/// <summary>
/// Finds a key written twice in one JSON object. The .NET reader (like most) silently keeps the last one, so a second
/// "functionName" or a second environment of the same name would quietly replace the first.
/// </summary>
static class DuplicateKeys
{
    /// <summary>The JSON path of the object and the repeated key, or null when every object's keys are distinct.</summary>
    public static (string ObjectPath, string Key)? Find(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        // One frame per open container: its path, its keys so far (objects), its next index (arrays).
        var frames = new Stack<(string Path, HashSet<string>? Keys, int Index)>();
        string? pendingKey = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var key = reader.GetString()!;
                    var (path, keys, _) = frames.Peek();
                    if (!keys!.Add(key))
                        return (path, key);
                    pendingKey = key;
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var child = ChildPath(frames, ref pendingKey);
                    frames.Push((child, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null, 0));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                default:
                    ChildPath(frames, ref pendingKey);
                    break;
            }
        }
        return null;
    }

    /// <summary>The path of the value now read; advances the array index or consumes the property name.</summary>
    static string ChildPath(Stack<(string Path, HashSet<string>? Keys, int Index)> frames, ref string? pendingKey)
    {
        if (frames.Count == 0)
            return "$";
        var (path, keys, index) = frames.Pop();
        string child;
        if (keys is null)
        {
            child = $"{path}[{index}]";
            index++;
        }
        else
        {
            child = IsIdentifier(pendingKey!) ? $"{path}.{pendingKey}" : $"{path}['{pendingKey}']";
            pendingKey = null;
        }
        frames.Push((path, keys, index));
        return child;
    }

    static bool IsIdentifier(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
