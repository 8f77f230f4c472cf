using System.Text.Json.Nodes;
using Deploy.Environments;

namespace Deploy.Tests.Environments;

public class EnvironmentsLoaderTests
{
    internal static JsonNode Original() => JsonNode.Parse(File.ReadAllText(RepositoryFiles.EnvironmentsJson))!;

    internal static EnvironmentsFileException Fails(Action<JsonNode> change)
    {
        var node = Original();
        change(node);
        return Assert.Throws<EnvironmentsFileException>(() =>
            EnvironmentsLoader.Parse(node.ToJsonString(), File.ReadAllText(RepositoryFiles.EnvironmentsSchema), "infra/environments.json"));
    }

    [Fact]
    public void The_repository_file_loads_into_the_typed_model()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);

        Assert.Equal("jamstack", file.Project);
        Assert.Equal("eu-central-1", file.PipelineRegion);
        Assert.Equal(["local", "dev", "prod"], file.EnvironmentNames);
        var prod = file.Environments["prod"];
        Assert.Equal(["master", "main"], prod.Branches);
        Assert.Equal("444444444444", file.AccountOf(prod).Id);
        Assert.Equal("eu-west-1", prod.Functions["mail-forwarder"].Region);
        Assert.Equal("live", prod.Functions["contact-form"].Alias);
        Assert.Equal("https://blog.example.com", prod.Functions["contact-form"].Environment["ALLOWED_ORIGIN"]);
        Assert.Equal("jamstack-artifacts-prod-222222222222-eu-west-1", file.StoreOf(prod).Regions["eu-west-1"].Bucket);
        Assert.Null(prod.ExternalId);
        Assert.StartsWith("arn:aws:cloudfront::444444444444:key-value-store/", prod.Site.KeyValueStoreArn);
    }

    [Fact]
    public void A_release_switch_that_is_not_a_KeyValueStore_ARN_fails_the_schema()
    {
        var e = Fails(n => n["environments"]!["prod"]!["site"]!["keyValueStoreArn"] = "arn:aws:cloudfront::444444444444:distribution/E1PRODEXAMPLE0");
        Assert.Contains("$.environments.prod.site.keyValueStoreArn", e.Message);
    }

    [Fact]
    public void An_unknown_property_names_its_path_and_the_fix()
    {
        var e = Fails(n => n["environments"]!["dev"]!["deployRoel"] = "x");
        Assert.StartsWith("infra/environments.json: $.environments.dev.deployRoel: 'deployRoel' is not a known property", e.Message);
        Assert.Contains("fix: remove it or correct its spelling", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_malformed_account_id_fails_at_its_path()
    {
        var e = Fails(n => n["accounts"]!["production"]!["id"] = "4444");
        Assert.StartsWith("infra/environments.json: $.accounts.production.id: value '4444' has the wrong form", e.Message);
        Assert.Contains("12 digits", e.Message);
    }

    [Theory]
    [InlineData("deployRole", "arn:aws:iam::444444444444:user/someone")]
    [InlineData("artifactStore", "Shared Store")]
    public void Malformed_values_fail_the_schema(string property, string value)
    {
        var e = Fails(n => n["environments"]!["prod"]![property] = value);
        Assert.Contains($"$.environments.prod.{property}", e.Message);
    }

    [Theory]
    [InlineData("Jamstack_Site")]
    [InlineData("ab")]
    [InlineData("site..bucket")]
    public void Invalid_bucket_names_fail(string bucket)
    {
        var e = Fails(n => n["environments"]!["dev"]!["site"]!["bucket"] = bucket);
        Assert.Contains("$.environments.dev.site.bucket", e.Message);
    }

    [Fact]
    public void A_bad_region_fails()
    {
        var e = Fails(n => n["environments"]!["dev"]!["functions"]!["contact-form"]!["region"] = "Frankfurt");
        Assert.Contains("$.environments.dev.functions['contact-form'].region", e.Message);
        Assert.Contains("region code", e.Message);
    }

    [Fact]
    public void A_missing_required_property_fails()
    {
        var e = Fails(n => n["environments"]!["dev"]!.AsObject().Remove("site"));
        Assert.Contains("$.environments.dev:", e.Message);
        Assert.Contains("fix: add the missing property", e.Message);
    }

    [Fact]
    public void A_deploy_role_in_another_account_is_refused()
    {
        var e = Fails(n => n["environments"]!["prod"]!["deployRole"] = "arn:aws:iam::333333333333:role/jamstack-deploy");
        Assert.Equal("infra/environments.json: $.environments.prod.deployRole: role is in account 333333333333 but environment 'prod' deploys to production (444444444444); fix: use the deploy role of account 444444444444", e.Message);
    }

    [Fact]
    public void An_undefined_account_reference_is_refused()
    {
        var e = Fails(n => n["environments"]!["dev"]!["account"] = "staging");
        Assert.Contains("$.environments.dev.account: account 'staging' is not defined", e.Message);
        Assert.Contains("use one of master, shared, development, production, local", e.Message);
    }

    [Fact]
    public void An_undefined_store_reference_is_refused()
    {
        var e = Fails(n => n["environments"]!["dev"]!["artifactStore"] = "elsewhere");
        Assert.Contains("$.environments.dev.artifactStore: artifact store 'elsewhere' is not defined", e.Message);
    }

    [Fact]
    public void A_function_region_without_a_store_region_is_refused()
    {
        var e = Fails(n => n["environments"]!["dev"]!["functions"]!["mail-forwarder"]!["region"] = "us-east-1");
        Assert.Equal("infra/environments.json: $.environments.dev.functions['mail-forwarder'].region: region us-east-1 has no bucket in artifact store 'dev'; fix: add regions['us-east-1'] to artifactStores.dev", e.Message);
    }

    [Fact]
    public void Two_environments_with_branches_sharing_a_store_are_refused()
    {
        var e = Fails(n => n["environments"]!["prod"]!["artifactStore"] = "dev");
        Assert.Contains("$.environments.prod.artifactStore: artifact store 'dev' is also the store of 'dev'", e.Message);
    }

    [Fact]
    public void A_site_region_without_a_store_region_is_refused()
    {
        var e = Fails(n => n["environments"]!["prod"]!["site"]!["region"] = "us-west-2");
        Assert.Contains("$.environments.prod.site.region: region us-west-2 has no bucket", e.Message);
    }

    [Fact]
    public void A_branch_in_two_environments_is_refused()
    {
        var e = Fails(n => n["environments"]!["prod"]!["branches"] = new JsonArray("main", "develop"));
        Assert.Contains("$.environments.prod.branches: branch 'develop' also deploys to 'dev'", e.Message);
    }

    [Fact]
    public void A_kms_key_arn_of_another_region_is_refused()
    {
        var e = Fails(n => n["artifactStores"]!["prod"]!["regions"]!["eu-west-1"]!["kmsKey"] =
            "arn:aws:kms:eu-central-1:222222222222:key/0b6f7f1e-1234-4cde-8f00-1234567890ab");
        Assert.Contains("KMS key is in eu-central-1, not eu-west-1", e.Message);
    }

    [Theory]
    [InlineData("prod", "owner@blog.example.com", "blog.example.com")]
    [InlineData("dev", "owner@blog.example.com", "blog.example.com")]
    [InlineData("dev", "me@DEV.blog.example.com", "dev.blog.example.com")]
    [InlineData("prod", "me@lists.blog.example.com", "blog.example.com")]
    public void Forwarding_mail_into_a_receiving_domain_is_refused(string environment, string forwardTo, string inside)
    {
        var e = Fails(n => n["environments"]![environment]!["functions"]!["mail-forwarder"]!["environment"]!["FORWARD_TO"] = forwardTo);
        Assert.StartsWith($"infra/environments.json: $.environments.{environment}.functions['mail-forwarder'].environment.FORWARD_TO: {forwardTo} is inside {inside}, a domain the mail forwarders receive for", e.Message);
        Assert.Contains("fix: forward to a mailbox outside ", e.Message);
    }

    [Fact]
    public void The_repository_file_forwards_mail_outside_every_receiving_domain()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        var receiving = file.Environments.Values.Select(env => env.Functions["mail-forwarder"].Environment["FROM_ADDRESS"].Split('@')[1]).ToHashSet();
        foreach (var env in file.Environments.Values)
        {
            var forwardTo = env.Functions["mail-forwarder"].Environment["FORWARD_TO"].Split('@')[1];
            Assert.DoesNotContain(receiving, r => forwardTo == r || forwardTo.EndsWith("." + r, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Production_branches_need_someone_notified_of_the_approval()
    {
        var e = Fails(n => n["environments"]!["prod"]!.AsObject().Remove("approval"));
        Assert.Equal("infra/environments.json: $.environments.prod.approval: environment 'prod' deploys master, main but its approval notifies no one; fix: add approval.subscribers (email addresses told about each approval)", e.Message);
    }

    [Fact]
    public void An_approval_without_branches_is_refused()
    {
        var e = Fails(n => n["environments"]!["local"]!["approval"] = new JsonObject { ["subscribers"] = new JsonArray("someone@example.com") });
        Assert.StartsWith("infra/environments.json: $.environments.local.approval: environment 'local' has no branches", e.Message);
    }

    [Fact]
    public void Approval_subscribers_are_email_addresses_and_approvers_role_arns()
    {
        Assert.StartsWith("infra/environments.json: $.environments.prod.approval.subscribers",
            Fails(n => n["environments"]!["prod"]!["approval"]!["subscribers"] = new JsonArray()).Message);
        Assert.StartsWith("infra/environments.json: $.environments.prod.approval.approvers[0]",
            Fails(n => n["environments"]!["prod"]!["approval"]!["approvers"] = new JsonArray("release-managers")).Message);
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        Assert.Equal(["release-approvers@example.com"], file.Environments["prod"].Approval!.Subscribers);
    }

    [Fact]
    public void A_source_is_CodeCommit_or_a_repository_on_GitHub_GitLab_or_Bitbucket()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        Assert.Equal(SourceSettings.CodeCommit, file.Environments["prod"].Source!.Provider);

        var node = Original();
        node["environments"]!["prod"]!["source"] = new JsonObject { ["provider"] = "GitHub", ["repository"] = "example/jamstack" };
        node["environments"]!["dev"]!["source"] = new JsonObject { ["provider"] = "GitLab", ["repository"] = "example/web/jamstack" };
        var connected = EnvironmentsLoader.Parse(node.ToJsonString(), File.ReadAllText(RepositoryFiles.EnvironmentsSchema), "infra/environments.json");
        Assert.Equal(new SourceSettings("GitHub", "example/jamstack"), connected.Environments["prod"].Source);
        Assert.Equal("example/web/jamstack", connected.Environments["dev"].Source!.Repository);
    }

    [Fact]
    public void A_source_without_its_repository_or_of_an_unknown_host_is_refused_at_its_path()
    {
        var noRepository = Fails(n => n["environments"]!["prod"]!["source"] = new JsonObject { ["provider"] = "GitHub" });
        Assert.StartsWith("infra/environments.json: $.environments.prod.source", noRepository.Message);
        var unknownHost = Fails(n => n["environments"]!["prod"]!["source"] = new JsonObject { ["provider"] = "SourceForge", ["repository"] = "example/jamstack" });
        Assert.StartsWith("infra/environments.json: $.environments.prod.source", unknownHost.Message);
        var notOwnerAndName = Fails(n => n["environments"]!["prod"]!["source"] = new JsonObject { ["provider"] = "GitHub", ["repository"] = "jamstack" });
        Assert.StartsWith("infra/environments.json: $.environments.prod.source", notOwnerAndName.Message);
        Assert.DoesNotContain('\n', notOwnerAndName.Message);
    }

    [Fact]
    public void A_source_without_branches_is_refused()
    {
        var e = Fails(n => n["environments"]!["local"]!["source"] = new JsonObject { ["provider"] = "GitHub", ["repository"] = "example/jamstack" });
        Assert.Equal("infra/environments.json: $.environments.local.source: environment 'local' has no branches, so no pipeline reads a source; fix: remove source or list the environment's branches", e.Message);
    }

    [Fact]
    public void Two_functions_with_the_same_function_name_and_region_are_refused()
    {
        var same = Fails(n =>
        {
            var forwarder = n["environments"]!["local"]!["functions"]!["mail-forwarder"]!;
            forwarder["functionName"] = "jamstack-local-contact-form";
            forwarder["region"] = "eu-central-1";
        });
        Assert.Equal("infra/environments.json: $.environments.local.functions['mail-forwarder'].functionName: function jamstack-local-contact-form in eu-central-1 " +
            "is also functions['contact-form']; fix: give each entry its own functionName (or region)", same.Message);
    }

    [Fact]
    public void A_duplicate_json_key_is_refused_not_silently_replaced()
    {
        var json = File.ReadAllText(RepositoryFiles.EnvironmentsJson);
        var second = json.Replace("\"functionName\": \"jamstack-local-mail-forwarder\",",
            "\"functionName\": \"jamstack-local-mail-forwarder\",\n          \"functionName\": \"jamstack-local-contact-form\",");
        Assert.NotEqual(json, second);
        var e = Assert.Throws<EnvironmentsFileException>(() =>
            EnvironmentsLoader.Parse(second, File.ReadAllText(RepositoryFiles.EnvironmentsSchema), "infra/environments.json"));
        Assert.Equal("infra/environments.json: $.environments.local.functions['mail-forwarder']: key 'functionName' appears twice " +
            "(a JSON reader silently keeps only the last); fix: keep one 'functionName' in that object", e.Message);

        var twoEnvironments = json.Replace("\"environments\": {", "\"environments\": {\n    \"dev\": {},");
        Assert.NotEqual(json, twoEnvironments);
        var dev = Assert.Throws<EnvironmentsFileException>(() =>
            EnvironmentsLoader.Parse(twoEnvironments, File.ReadAllText(RepositoryFiles.EnvironmentsSchema), "infra/environments.json"));
        Assert.StartsWith("infra/environments.json: $.environments: key 'dev' appears twice", dev.Message);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var e = Assert.Throws<EnvironmentsFileException>(() =>
            EnvironmentsLoader.Parse("{\n \"project\": ,\n}", File.ReadAllText(RepositoryFiles.EnvironmentsSchema), "infra/environments.json"));
        Assert.StartsWith("infra/environments.json: line 2: not valid JSON", e.Message);
    }

    [Fact]
    public void A_missing_file_names_the_fix()
    {
        var e = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsLoader.Load("/nonexistent/environments.json"));
        Assert.Contains("file not found; fix:", e.Message);
    }
}

public class EnvironmentsSchemaTests
{
    [Fact]
    public void The_schema_is_a_valid_draft_2020_12_schema()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryFiles.EnvironmentsSchema));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        var result = Json.Schema.MetaSchemas.Draft202012.Evaluate(schema.RootElement);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Every_object_in_the_schema_is_closed()
    {
        // additionalProperties: false (or a schema for map values) everywhere: a typo never passes silently.
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryFiles.EnvironmentsSchema));
        var open = new List<string>();
        void Walk(System.Text.Json.JsonElement node, string path)
        {
            if (node.ValueKind != System.Text.Json.JsonValueKind.Object) return;
            if (node.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == "object"
                && !node.TryGetProperty("additionalProperties", out _))
                open.Add(path);
            foreach (var property in node.EnumerateObject()) Walk(property.Value, path + "/" + property.Name);
        }
        Walk(schema.RootElement, "");
        Assert.Empty(open);
    }

    [Fact]
    public void Deploy_narrows_an_environment_to_its_parts_and_defaults_to_both()
    {
        var node = EnvironmentsLoaderTests.Original();
        node["environments"]!["dev"]!["deploy"] = new JsonArray("functions");
        var file = EnvironmentsLoader.Parse(node.ToJsonString(), File.ReadAllText(RepositoryFiles.EnvironmentsSchema), "infra/environments.json");

        Assert.Equal(["functions"], file.Environments["dev"].DeployParts);
        Assert.Equal(["site", "functions"], file.Environments["prod"].DeployParts);
    }

    [Fact]
    public void Deploy_takes_only_site_and_functions()
    {
        var e = EnvironmentsLoaderTests.Fails(n => n["environments"]!["dev"]!["deploy"] = new JsonArray("lambdas"));
        Assert.StartsWith("infra/environments.json: $.environments.dev.deploy[0]:", e.Message);
        Assert.Contains("fix:", e.Message);
    }

    [Fact]
    public void Deploying_functions_needs_some()
    {
        var e = EnvironmentsLoaderTests.Fails(n =>
        {
            n["environments"]!["dev"]!["deploy"] = new JsonArray("functions");
            n["environments"]!["dev"]!["functions"] = new JsonObject();
        });
        Assert.Equal("infra/environments.json: $.environments.dev.deploy: environment 'dev' deploys functions but lists none; fix: add them under functions or remove \"functions\" from deploy", e.Message);
    }
}
