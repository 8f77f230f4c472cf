using System.Net;
using System.Text;

namespace BuildGraph;

/// <summary>--plan: the target graph as a Mermaid flowchart in .nuke/temp/plan.html.</summary>
internal static class PlanPage
{
    /// <param name="planned">The targets the invocation would run, highlighted with the invoked ones.</param>
    public static string Render(string buildName, IReadOnlyList<ExecutableTarget> targets, IReadOnlyCollection<ExecutableTarget> planned)
    {
        var shown = targets.Where(t => !t.Definition.IsUnlisted || planned.Contains(t)).ToList();
        var graph = new StringBuilder("graph LR\n");
        foreach (var target in shown)
            graph.AppendLine($"  {target.Name}[\"{target.Name}\"]");
        foreach (var target in shown)
        {
            // Arrows point the way work flows: a dependency into the target that needs it.
            foreach (var dependency in target.ExecutionDependencies.Where(shown.Contains))
                graph.AppendLine($"  {dependency.Name} --> {target.Name}");
            foreach (var source in target.TriggerSources.Where(shown.Contains))
                graph.AppendLine($"  {source.Name} -- triggers --> {target.Name}");
            foreach (var before in target.OrderingDependencies.Where(shown.Contains))
                graph.AppendLine($"  {before.Name} -.-> {target.Name}");
        }
        graph.AppendLine("  classDef invoked fill:#fde68a,stroke:#b45309,stroke-width:3px;");
        graph.AppendLine("  classDef planned fill:#dbeafe,stroke:#1d4ed8;");
        // The run's roots: the invoked targets, or the default target when none was named (it is not "invoked" then, as in Nuke).
        var anyInvoked = shown.Any(t => t.Invoked);
        bool IsRoot(ExecutableTarget t) => t.Invoked || !anyInvoked && t.IsDefault && planned.Contains(t);
        var invoked = shown.Where(IsRoot).Select(t => t.Name).ToList();
        var others = shown.Where(t => planned.Contains(t) && !IsRoot(t)).Select(t => t.Name).ToList();
        if (invoked.Count > 0)
            graph.AppendLine($"  class {string.Join(",", invoked)} invoked;");
        if (others.Count > 0)
            graph.AppendLine($"  class {string.Join(",", others)} planned;");

        var title = WebUtility.HtmlEncode(buildName);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{title}}: build plan</title>
            <style>body { font-family: system-ui, sans-serif; margin: 2rem; } .legend span { margin-right: 1.5rem; }</style>
            </head>
            <body>
            <h1>{{title}}: build plan</h1>
            <p class="legend"><span>solid arrow: execution dependency</span><span>dashed arrow: ordering only (After/Before)</span>
            <span>yellow: invoked</span><span>blue: also runs</span></p>
            <pre class="mermaid">
            {{WebUtility.HtmlEncode(graph.ToString())}}</pre>
            <script type="module">
              import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs";
              mermaid.initialize({ startOnLoad: true });
            </script>
            </body>
            </html>

            """;
    }
}
