using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Identities.Contracts.Errors;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Identities.Detector.V1;
using Identities.Inference;

namespace Identities.Detector.Grpc;

public sealed class FaceDetectorService(
    FaceDetectionPipeline pipeline, DetectionThrottle throttle, ModelReadiness readiness, DetectorMetrics metrics)
    : FaceDetector.FaceDetectorBase
{
    public override async Task<DetectResponse> Detect(DetectRequest request, ServerCallContext context)
    {
        if (!readiness.IsReady)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "The detection models are still loading."));
        }
        if (request.Image.IsEmpty)
        {
            throw InvalidImage(DetectorErrorReasons.Empty, "The image is empty.");
        }

        var queued = Stopwatch.GetTimestamp();
        IDisposable? entered;
        using (metrics.Waiting())
        {
            entered = await throttle.TryEnterAsync(context.CancellationToken);
        }
        metrics.Stages.Record("queue_wait", queued);
        using var slot = entered
            ?? throw new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, "The detector is at capacity; retry later."));
        using var busy = metrics.InFlight();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = pipeline.Detect(request.Image.Span, DetectionMapper.ToRequestOptions(request.Options), context.CancellationToken);
            metrics.RecordDuration(Stopwatch.GetElapsedTime(started));
            return DetectionMapper.ToResponse(result);
        }
        catch (ImageRejectedException ex)
        {
            throw InvalidImage(ex.Reason, ex.Message);
        }
    }

    /// <summary>INVALID_ARGUMENT naming the field, with a stable reason code callers can switch on.</summary>
    private static RpcException InvalidImage(string reason, string message) => new Google.Rpc.Status
    {
        Code = (int)Code.InvalidArgument,
        Message = message,
        Details =
        {
            Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorDomains.Detector }),
            Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "image", Description = message } } }),
        },
    }.ToRpcException();
}
