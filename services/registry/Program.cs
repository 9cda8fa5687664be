using Identities.ServiceDefaults;

// Skeleton only: the service's API arrives with its own issue (registry: #3, gateway: #4).
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
