namespace BuildGraph;

/// <summary>Nuke's configurator shape (Nuke.Common.Tooling.Configure&lt;T&gt;): takes a value, returns it changed.</summary>
public delegate T Configure<T>(T options);
