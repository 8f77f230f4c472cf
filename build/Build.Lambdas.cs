using BuildGraph;
using BuildGraph.Extensions;

partial class Build
{
    AbsolutePath FunctionStagingDirectory => TemporaryDirectory / "functions";

    Target PackageLambdas => _ => _
        .Description("Zips each function with its production dependencies only into artifacts/functions/<name>.zip")
        .OnlyWhenStatic(() => PackagesFunctions)
        .Inputs("lambdas/*/index.mjs", "lambdas/*/src/**", "lambdas/*/package.json", "lambdas/*/package-lock.json")
        .Outputs("artifacts/functions/*.zip")
        .Parallel()
        .Executes(async ct =>
        {
            foreach (var function in FunctionNames)
            {
                var staging = ArtifactPackaging.StageFunction(LambdasDirectory / function, FunctionStagingDirectory / function);
                await Npm.CiAsync(staging, ct, productionOnly: true);
                ArtifactPackaging.ZipFunction(staging, ArtifactsDirectory / "functions" / $"{function}.zip");
            }
        });
}
