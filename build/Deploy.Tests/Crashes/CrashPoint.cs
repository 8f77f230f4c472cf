namespace Deploy.Tests.Crashes;

/// <summary>What a deploy must change for a phase to have requests: the site, the functions, or only the version (artifacts, state).</summary>
public enum CrashChange { Version, Site, Functions }

/// <summary>A phase of the deploy, the requests that belong to it ("service METHOD url"), how many of them a deploy here makes at least, and what must change for it.</summary>
public sealed record CrashPoint(string Phase, string Match, int AtMost, CrashChange Needs);
