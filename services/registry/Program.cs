using Identities.Registry.Extensions;
using Identities.Registry;
using Identities.Registry.Storage;
using Identities.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ShardSizes.MeterName);
if (RegistryCommands.IsCommand(args))
{
    // A one-off command (migrate-layout) with the registry's configuration, instead of the service.
    return await RegistryCommands.RunAsync(args, builder.Configuration.GetSection(RegistryOptions.SectionName).Get<RegistryOptions>() ?? new(), Console.Out);
}
builder.AddRegistry();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRegistry();

app.Run();
return 0;
