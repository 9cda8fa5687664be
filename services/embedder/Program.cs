using Identities.Embedder;
using Identities.Embedder.Extensions;
using Identities.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(EmbedderMetrics.MeterName);
builder.AddEmbedder();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapEmbedder();

app.Run();
