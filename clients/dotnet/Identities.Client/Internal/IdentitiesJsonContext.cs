using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identities.Client.Internal;

/// <summary>Source-generated JSON for every body the SDK sends or reads (no reflection: trimming and AOT work).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginBody))]
[JsonSerializable(typeof(LoginResult))]
[JsonSerializable(typeof(FaceEnrollRequest))]
[JsonSerializable(typeof(FaceEnrollResponse))]
[JsonSerializable(typeof(FaceDetectRequest))]
[JsonSerializable(typeof(FaceDetectResponse))]
[JsonSerializable(typeof(FaceCompareRequest))]
[JsonSerializable(typeof(FaceCompareResponse))]
[JsonSerializable(typeof(CheckImageReferenceResponse))]
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(PersonPage))]
[JsonSerializable(typeof(NewPerson))]
[JsonSerializable(typeof(PersonUpdateBody))]
[JsonSerializable(typeof(DeletedPersonBody))]
[JsonSerializable(typeof(DeletedFaceBody))]
[JsonSerializable(typeof(FaceListBody))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class IdentitiesJsonContext : JsonSerializerContext;
