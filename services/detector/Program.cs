using Identities.Detector;
using Identities.Detector.Extensions;
using Identities.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(DetectorMetrics.MeterName);
builder.AddDetector();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDetector();

app.Run();
