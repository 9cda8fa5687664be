using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>A face's box in the pixels of its photo.</summary>
[Description("A rectangle in image pixels.")]
public sealed record FaceBox(double X, double Y, double Width, double Height);
