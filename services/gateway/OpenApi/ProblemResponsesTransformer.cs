using System.Globalization;
using Identities.Gateway.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Identities.Gateway.OpenApi;

/// <summary>
/// Every operation's problem responses from its <see cref="ProblemCodesMetadata"/>, plus 401 and 403 for
/// operations behind a permission, which also get the bearer requirement and name the permission.
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problems = metadata.OfType<ProblemCodesMetadata>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var permission = anonymous ? null : metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
        if (anonymous)
        {
            // An empty requirement: callable without a token (login).
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        if (permission is not null)
        {
            problems.Add(new ProblemCodesMetadata(StatusCodes.Status401Unauthorized, [ProblemCodes.Unauthorized]));
            problems.Add(new ProblemCodesMetadata(StatusCodes.Status403Forbidden, [ProblemCodes.Forbidden]));
            BearerSecurity.Require(operation, context.Document!, permission);
        }
        operation.Responses ??= [];
        foreach (var group in problems.GroupBy(p => p.StatusCode).OrderBy(g => g.Key))
        {
            var codes = group.SelectMany(p => p.Codes).Distinct(StringComparer.Ordinal).ToList();
            operation.Responses[group.Key.ToString(CultureInfo.InvariantCulture)] = ProblemResponses.Response(group.Key, codes, context.Document!);
        }
        return Task.CompletedTask;
    }
}
