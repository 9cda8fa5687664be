using Identities.Registry.Extensions;
using Identities.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRegistry();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRegistry();

app.Run();
