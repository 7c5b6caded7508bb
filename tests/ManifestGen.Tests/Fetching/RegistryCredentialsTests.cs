using ManifestGen.Fetching;
using ManifestGen.Tests.Support;

namespace ManifestGen.Tests.Fetching;

public sealed class RegistryCredentialsTests : IDisposable
{
    private readonly TempTree home = new();

    public void Dispose() => home.Dispose();

    [Fact]
    public void The_files_are_dockers_then_helms_as_the_environment_names_them()
    {
        Assert.Equal(["/h/.docker/config.json", "/h/.config/helm/registry/config.json"], RegistryCredentials.DefaultFiles(n => n == "HOME" ? "/h" : null));
        Assert.Equal(["/d/config.json", "/r.json"], RegistryCredentials.DefaultFiles(n => n switch { "HOME" => "/h", "DOCKER_CONFIG" => "/d", "HELM_REGISTRY_CONFIG" => "/r.json", _ => null }));
    }

    [Fact]
    public void An_auths_entry_is_read_as_auth_or_as_username_and_password()
    {
        home.Write("docker.json", """{"auths":{"https://ghcr.example/v1/":{"auth":"dXNlcjpwYTpzcw=="}},"credsStore":"desktop"}""");
        home.Write("helm.json", """{"auths":{"127.0.0.1:5000":{"username":"robot","password":"p"}}}""");
        var credentials = new RegistryCredentials([home.PathOf("missing.json"), home.PathOf("docker.json"), home.PathOf("helm.json")]);

        var ghcr = credentials.For("ghcr.example");
        Assert.Equal(("user", "pa:ss"), (ghcr!.User, ghcr.Password));
        Assert.Equal(("robot", "p"), (credentials.For("127.0.0.1:5000")!.User, credentials.For("127.0.0.1:5000")!.Password));
        Assert.Null(credentials.For("127.0.0.1:5001"));
    }

    [Fact]
    public void A_broken_file_is_passed_over()
    {
        home.Write("broken.json", "{not json");
        home.Write("ok.json", """{"auths":{"r":{"auth":"YTpi"}}}""");
        Assert.Equal("a", new RegistryCredentials([home.PathOf("broken.json"), home.PathOf("ok.json")]).For("r")!.User);
    }
}
