using System.Net.Http.Json;
using System.Text.Json;

namespace Identities.Clients.Tests.Support;

/// <summary>The contract's examples enroll photo reference ext-123: remove it first, so each run starts as a new user's would.</summary>
public static class ReferenceReset
{
    public static async Task RemoveAsync(StackFixture stack, string reference)
    {
        using var admin = await stack.CreateAdminClientAsync();
        var check = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/faces/checkImageReference/{Uri.EscapeDataString(reference)}");
        if (check.GetProperty("exists").GetBoolean())
        {
            var deleted = await admin.DeleteAsync(new Uri($"/api/v1/faces/{check.GetProperty("faceId").GetString()}", UriKind.Relative));
            deleted.EnsureSuccessStatusCode();
        }
    }
}
