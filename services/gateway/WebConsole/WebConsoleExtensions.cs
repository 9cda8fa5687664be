using Microsoft.Net.Http.Headers;

namespace Identities.Gateway.WebConsole;

/// <summary>
/// The web console (wwwroot): plain HTML, CSS and ES modules, served without authentication. It holds no
/// data: everything it shows comes from the public REST API, called with the signed-in user's token.
/// </summary>
public static class WebConsoleExtensions
{
    // Everything from this origin, nothing from anywhere else; photos are shown from data: and blob: URLs.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseWebConsole(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidate on every load (ETag): a new gateway version never runs with stale scripts.
                headers[HeaderNames.CacheControl] = "no-cache";
            },
        });
        return app;
    }
}
