import Foundation
import KubeModel
import Simulation

/// `admission.k8s.io` group/version/kind as the apiserver sends it in `request.kind`.
public struct GroupVersionKind: Sendable, Codable, Hashable {
    public var group: String
    public var version: String
    public var kind: String
    public init(group: String = "", version: String, kind: String) {
        self.group = group; self.version = version; self.kind = kind
    }
}

public struct GroupVersionResource: Sendable, Codable, Hashable {
    public var group: String
    public var version: String
    public var resource: String
    public init(group: String = "", version: String, resource: String) {
        self.group = group; self.version = version; self.resource = resource
    }
}

public struct UserInfo: Sendable, Codable, Hashable {
    public var username: String?
    public var uid: String?
    public var groups: [String]?
    public init(username: String? = nil, uid: String? = nil, groups: [String]? = nil) {
        self.username = username; self.uid = uid; self.groups = groups
    }
}

/// The apiVersions of AdmissionReview that kube-apiserver may send (`admissionReviewVersions`).
public enum AdmissionReviewVersion: String, Sendable, Codable, CaseIterable {
    case v1 = "admission.k8s.io/v1"
    case v1beta1 = "admission.k8s.io/v1beta1"
}

/// One admission request. `object` and `oldObject` are decoded tolerantly: an object that
/// does not decode as its kind leaves `objectError` set instead of failing the whole review,
/// because our own parse failure must never block a change.
public struct AdmissionRequest: Sendable {
    public var uid: String
    public var kind: GroupVersionKind
    public var resource: GroupVersionResource?
    public var requestKind: GroupVersionKind?
    public var subResource: String?
    public var name: String?
    public var namespace: String?
    public var operation: Simulation.Operation
    public var userInfo: UserInfo
    public var object: KubeObject?
    public var oldObject: KubeObject?
    public var dryRun: Bool
    /// `CreateOptions`/`UpdateOptions`/`DeleteOptions`; kept only as its `kind`.
    public var optionsKind: String?
    /// Why `object` or `oldObject` could not be read, if one could not.
    public var objectError: String?

    public init(uid: String, kind: GroupVersionKind, name: String?, namespace: String?, operation: Simulation.Operation,
                userInfo: UserInfo = .init(), object: KubeObject?, oldObject: KubeObject? = nil, dryRun: Bool = false) {
        self.uid = uid; self.kind = kind; self.name = name; self.namespace = namespace
        self.operation = operation; self.userInfo = userInfo; self.object = object
        self.oldObject = oldObject; self.dryRun = dryRun
    }

    /// The change this request proposes, as the simulation understands it.
    public var change: Change { Change(operation: operation, object: object, oldObject: oldObject) }
}

extension AdmissionRequest: Decodable {
    private enum Keys: String, CodingKey {
        case uid, kind, resource, requestKind, subResource, name, namespace, operation, userInfo
        case object, oldObject, dryRun, options
    }
    private struct OptionsKind: Decodable { var kind: String? }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        uid = try c.decode(String.self, forKey: .uid)
        kind = try c.decode(GroupVersionKind.self, forKey: .kind)
        resource = try c.decodeIfPresent(GroupVersionResource.self, forKey: .resource)
        requestKind = try c.decodeIfPresent(GroupVersionKind.self, forKey: .requestKind)
        subResource = try c.decodeIfPresent(String.self, forKey: .subResource)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        operation = try c.decode(Simulation.Operation.self, forKey: .operation)
        userInfo = try c.decodeIfPresent(UserInfo.self, forKey: .userInfo) ?? UserInfo()
        dryRun = try c.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
        optionsKind = (try? c.decodeIfPresent(OptionsKind.self, forKey: .options))?.kind
        var problems: [String] = []
        do { object = try c.decodeIfPresent(KubeObject.self, forKey: .object) } catch {
            object = nil; problems.append("object: " + ManifestDecoder.describe(error))
        }
        do { oldObject = try c.decodeIfPresent(KubeObject.self, forKey: .oldObject) } catch {
            oldObject = nil; problems.append("oldObject: " + ManifestDecoder.describe(error))
        }
        objectError = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

/// An `AdmissionReview` request body.
public struct AdmissionReviewRequest: Sendable {
    public var apiVersion: AdmissionReviewVersion
    public var request: AdmissionRequest
    public init(apiVersion: AdmissionReviewVersion, request: AdmissionRequest) {
        self.apiVersion = apiVersion; self.request = request
    }
}

/// Why a body is not an AdmissionReview at all (answered with HTTP 400).
public struct AdmissionReviewError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension AdmissionReviewRequest {
    private struct Envelope: Decodable {
        var apiVersion: String?
        var kind: String?
    }
    private struct Body: Decodable {
        var apiVersion: String?
        var kind: String?
        var request: AdmissionRequest?
    }

    /// Decodes a body as kube-apiserver sends it. Throws `AdmissionReviewError` for anything
    /// that is not an AdmissionReview request we can answer.
    public static func decode(_ data: Data) throws(AdmissionReviewError) -> AdmissionReviewRequest {
        let decoder = JSONDecoder()
        // One parse on the happy path; the envelope alone is decoded again only to explain a failure.
        let decoded: Body?
        let requestError: (any Error)?
        do { decoded = try decoder.decode(Body.self, from: data); requestError = nil } catch {
            decoded = nil; requestError = error
        }
        let envelope: Envelope
        if let decoded {
            envelope = Envelope(apiVersion: decoded.apiVersion, kind: decoded.kind)
        } else {
            do { envelope = try decoder.decode(Envelope.self, from: data) } catch {
                throw AdmissionReviewError("body is not a JSON object: \(ManifestDecoder.describe(error))")
            }
        }
        guard envelope.kind == "AdmissionReview" else {
            throw AdmissionReviewError("kind must be AdmissionReview, got \(envelope.kind.map { "\"\($0)\"" } ?? "none")")
        }
        guard let raw = envelope.apiVersion, let version = AdmissionReviewVersion(rawValue: raw) else {
            let got = envelope.apiVersion.map { "\"\($0)\"" } ?? "none"
            throw AdmissionReviewError("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1, got \(got)")
        }
        guard let body = decoded else {
            throw AdmissionReviewError("request is malformed: \(requestError.map(ManifestDecoder.describe) ?? "unknown error")")
        }
        guard let request = body.request else { throw AdmissionReviewError("AdmissionReview has no request") }
        guard !request.uid.isEmpty else { throw AdmissionReviewError("request.uid is empty") }
        return AdmissionReviewRequest(apiVersion: version, request: request)
    }
}

/// `status` of a denied response; kubectl prints `message` after "denied the request: ".
public struct AdmissionStatus: Sendable, Codable, Hashable {
    public var code: Int
    public var reason: String
    public var message: String
    public init(code: Int = 403, reason: String = "Forbidden", message: String) {
        self.code = code; self.reason = reason; self.message = message
    }
}

public struct AdmissionResponse: Sendable, Codable, Hashable {
    public var uid: String
    public var allowed: Bool
    public var status: AdmissionStatus?
    public var warnings: [String]?
    public var auditAnnotations: [String: String]?
    public init(uid: String, allowed: Bool, status: AdmissionStatus? = nil,
                warnings: [String]? = nil, auditAnnotations: [String: String]? = nil) {
        self.uid = uid; self.allowed = allowed; self.status = status
        self.warnings = warnings; self.auditAnnotations = auditAnnotations
    }
}

/// An `AdmissionReview` response body: same apiVersion as the request, `kind: AdmissionReview`.
public struct AdmissionReviewResponse: Sendable, Codable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var response: AdmissionResponse
    public init(apiVersion: AdmissionReviewVersion, response: AdmissionResponse) {
        self.apiVersion = apiVersion.rawValue; self.kind = "AdmissionReview"; self.response = response
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain string, bool, int or array of them: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }
}
