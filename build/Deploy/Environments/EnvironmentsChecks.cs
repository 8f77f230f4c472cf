namespace Deploy.Environments;

/// <summary>Cross-references the schema cannot express: names that must exist, accounts that must agree, regions that need a store.</summary>
static class EnvironmentsChecks
{
    public static void Verify(EnvironmentsFile file, string fileName)
    {
        var problem = Problems(file).FirstOrDefault();
        if (problem is not null)
            throw EnvironmentsFileException.At(fileName, problem.Path, problem.Problem, problem.Fix);
    }

    sealed record Finding(string Path, string Problem, string Fix);

    static IEnumerable<Finding> Problems(EnvironmentsFile file)
    {
        var accounts = string.Join(", ", file.Accounts.Keys);
        foreach (var (storeName, store) in file.ArtifactStores)
        {
            if (!file.Accounts.ContainsKey(store.Account))
                yield return new($"$.artifactStores.{storeName}.account", $"account '{store.Account}' is not defined", $"use one of {accounts} or add it under accounts");
            foreach (var (region, storeRegion) in store.Regions)
                if (KeyArnRegion(storeRegion.KmsKey) is { } keyRegion && keyRegion != region)
                    yield return new($"$.artifactStores.{storeName}.regions['{region}'].kmsKey", $"KMS key is in {keyRegion}, not {region}", $"use a key of {region}; KMS keys cannot encrypt objects in another region");
        }

        var branchOwners = new Dictionary<string, string>();
        // Separate trust: what one pipeline writes, no other environment deploys.
        var storeOwners = new Dictionary<string, string>();
        foreach (var (name, env) in file.Environments)
        {
            var at = $"$.environments.{name}";
            if (!file.Accounts.TryGetValue(env.Account, out var account))
            {
                yield return new($"{at}.account", $"account '{env.Account}' is not defined", $"use one of {accounts} or add it under accounts");
                continue;
            }
            var roleAccount = env.DeployRole.Split(':')[4];
            if (roleAccount != account.Id)
                yield return new($"{at}.deployRole", $"role is in account {roleAccount} but environment '{name}' deploys to {env.Account} ({account.Id})", $"use the deploy role of account {account.Id}");

            if (!file.ArtifactStores.TryGetValue(env.ArtifactStore, out var store))
            {
                yield return new($"{at}.artifactStore", $"artifact store '{env.ArtifactStore}' is not defined", $"use one of {string.Join(", ", file.ArtifactStores.Keys)} or add it under artifactStores");
                continue;
            }
            if (env.Branches.Count > 0)
            {
                if (storeOwners.TryGetValue(env.ArtifactStore, out var owner))
                    yield return new($"{at}.artifactStore", $"artifact store '{env.ArtifactStore}' is also the store of '{owner}'", "give every environment with branches an artifact store of its own");
                else
                    storeOwners[env.ArtifactStore] = name;
            }
            foreach (var (path, region) in RegionsNeedingStore(file, env, at))
                if (!store.Regions.ContainsKey(region))
                    yield return new(path, $"region {region} has no bucket in artifact store '{env.ArtifactStore}'", $"add regions['{region}'] to artifactStores.{env.ArtifactStore}");

            if (env.Deploy is { } parts && parts.Contains(DeployParts.Functions) && env.Functions.Count == 0)
                yield return new($"{at}.deploy", $"environment '{name}' deploys functions but lists none", $"add them under functions or remove \"functions\" from deploy");

            // The way to production: a person approves, and someone is told there is something to approve.
            if (env.Source is not null && env.Branches.Count == 0)
                yield return new($"{at}.source", $"environment '{name}' has no branches, so no pipeline reads a source", "remove source or list the environment's branches");
            if (env.Approval is not null && env.Branches.Count == 0)
                yield return new($"{at}.approval", $"environment '{name}' has no branches, so no pipeline to approve in", "remove approval or list the environment's branches");
            if (env.Branches.Any(IsProductionBranch) && env.Approval is null)
                yield return new($"{at}.approval", $"environment '{name}' deploys {string.Join(", ", env.Branches.Where(IsProductionBranch))} but its approval notifies no one", "add approval.subscribers (email addresses told about each approval)");
            // One deployed function per entry: two entries naming one function would update it with each other's code.
            var functionOwners = new Dictionary<(string Name, string Region), string>();
            foreach (var (fn, function) in env.Functions)
            {
                if (functionOwners.TryGetValue((function.FunctionName, function.Region), out var first))
                    yield return new($"{at}.functions['{fn}'].functionName", $"function {function.FunctionName} in {function.Region} is also functions['{first}']",
                        "give each entry its own functionName (or region)");
                else
                    functionOwners[(function.FunctionName, function.Region)] = fn;
            }

            foreach (var branch in env.Branches)
            {
                if (branchOwners.TryGetValue(branch, out var other))
                    yield return new($"{at}.branches", $"branch '{branch}' also deploys to '{other}'", "list each branch in one environment only");
                else
                    branchOwners[branch] = name;
            }
        }

        foreach (var finding in MailLoops(file))
            yield return finding;
    }

    static bool IsProductionBranch(string branch) => branch is "master" or "main";

    /// <summary>The key of the mail forwarder among an environment's functions (its unit in infra/live reads this key).</summary>
    public const string MailForwarder = "mail-forwarder";

    /// <summary>
    /// Every mail forwarder's FROM_ADDRESS domain receives mail (SES receipt rule, MX to SES). A FORWARD_TO in one of
    /// those domains, or below one, sends the mail back into the project's own zone: to a forwarder (a loop) or to no
    /// mailbox at all. FORWARD_TO must lie outside every receiving domain.
    /// </summary>
    static IEnumerable<Finding> MailLoops(EnvironmentsFile file)
    {
        var receiving = file.Environments.Values
            .Select(env => env.Functions.GetValueOrDefault(MailForwarder)?.Environment.GetValueOrDefault("FROM_ADDRESS"))
            .OfType<string>().Select(DomainOf).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var (name, env) in file.Environments)
        {
            if (env.Functions.GetValueOrDefault(MailForwarder)?.Environment.GetValueOrDefault("FORWARD_TO") is not { } forwardTo
                || DomainOf(forwardTo) is not { } domain)
                continue;
            if (receiving.Where(r => IsWithin(domain, r)).MaxBy(r => r.Length) is { } inside)
                yield return new($"$.environments.{name}.functions['{MailForwarder}'].environment.FORWARD_TO",
                    $"{forwardTo} is inside {inside}, a domain the mail forwarders receive for (a loop: the mail comes back to a forwarder)",
                    $"forward to a mailbox outside {string.Join(", ", receiving)}");
        }
    }

    static string? DomainOf(string address) =>
        address.LastIndexOf('@') is var at and > 0 && at < address.Length - 1 ? address[(at + 1)..].Trim().TrimEnd('.') : null;

    static bool IsWithin(string domain, string zone) =>
        domain.Equals(zone, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase);

    static IEnumerable<(string Path, string Region)> RegionsNeedingStore(EnvironmentsFile file, DeployEnvironment env, string at)
    {
        yield return ("$.pipelineRegion", file.PipelineRegion);
        yield return ($"{at}.site.region", env.Site.Region);
        foreach (var (fn, function) in env.Functions)
            yield return ($"{at}.functions['{fn}'].region", function.Region);
    }

    /// <summary>Region of a key or alias ARN; null for aliases and key ids, which are resolved in the store's region.</summary>
    static string? KeyArnRegion(string kmsKey) =>
        kmsKey.StartsWith("arn:", StringComparison.Ordinal) ? kmsKey.Split(':')[3] : null;
}
