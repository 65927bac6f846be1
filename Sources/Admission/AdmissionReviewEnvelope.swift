import Foundation
import KubeModel

/// What an answer needs from a review without reading its objects: the apiVersion to answer
/// in and the request's uid. Found by scanning (objects skipped, nothing built), so a server
/// that cannot afford to decode a 3 MB review right now can still answer it in time.
public struct AdmissionReviewEnvelope: Sendable {
    public var apiVersion: AdmissionReviewVersion
    public var uid: String

    /// Throws as `AdmissionReviewRequest.decode` would for a body that is not a review.
    public static func scan(_ data: Data) throws(AdmissionReviewError) -> AdmissionReviewEnvelope {
        let parsed: Result<(String?, String?, String?), DecodeError> = data.withUnsafeBytes { raw in
            var r = JSONReader(raw)
            do throws(DecodeError) {
                var apiVersion: String?, kind: String?, uid: String?
                try r.beginObject()
                while let key = try r.nextKey() {
                    switch key {
                    case "apiVersion": apiVersion = try r.readStringOrNil()
                    case "kind": kind = try r.readStringOrNil()
                    case "request":
                        if r.readNull() { uid = nil; continue }
                        try r.beginObject()
                        while let k = try r.nextKey() {
                            if case "uid" = k { uid = try r.readStringOrNil() } else { try r.skipValue() }
                        }
                    default: try r.skipValue()
                    }
                }
                return .success((apiVersion, kind, uid))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .failure(let e): throw AdmissionReviewError("request is malformed: \(e)")
        case .success(let (apiVersion, kind, uid)):
            guard kind == "AdmissionReview", let version = apiVersion.flatMap(AdmissionReviewVersion.init(rawValue:)),
                  let uid, !uid.isEmpty else {
                // The full decoder words the reason.
                do { _ = try AdmissionReviewRequest.decode(data) } catch { throw error }
                throw AdmissionReviewError("not an AdmissionReview request")
            }
            return AdmissionReviewEnvelope(apiVersion: version, uid: uid)
        }
    }
}
