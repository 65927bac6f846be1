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

extension AdmissionRequest {
    /// Reads `request` as kube-apiserver sends it. `object` and `oldObject` are read
    /// tolerantly: one that does not decode as its kind is skipped and the reason kept.
    init(json r: inout JSONReader) throws(DecodeError) {
        self.init(uid: "", kind: GroupVersionKind(version: "", kind: ""), name: nil, namespace: nil, operation: .create, object: nil)
        var sawOperation = false
        var sawKind = false
        var problems: [String] = []
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "uid": uid = try r.readStringOrNil() ?? ""
            case "kind": kind = try GroupVersionKind(json: &r); sawKind = true
            case "resource": resource = try r.read(GroupVersionResource.self)
            case "requestKind": requestKind = try r.read(GroupVersionKind.self)
            case "subResource": subResource = try r.readStringOrNil()
            case "name": name = try r.readStringOrNil()
            case "namespace": namespace = try r.readStringOrNil()
            case "operation":
                let op = try r.readString()
                guard let parsed = Simulation.Operation(rawValue: op) else { throw r.error("unknown operation \"\(op)\"") }
                operation = parsed; sawOperation = true
            case "userInfo": userInfo = try r.read(UserInfo.self) ?? UserInfo()
            case "dryRun": dryRun = try r.readBoolOrNil() ?? false
            case "options":
                if r.readNull() { continue }
                try r.beginObject()
                while let k = try r.nextKey() {
                    if case "kind" = k { optionsKind = try r.readStringOrNil() } else { try r.skipValue() }
                }
            case "object":
                switch try Self.tolerant(&r) {
                case .success(let o): object = o
                case .failure(let e): object = nil; problems.append("object: \(e)")
                }
            case "oldObject":
                switch try Self.tolerant(&r) {
                case .success(let o): oldObject = o
                case .failure(let e): oldObject = nil; problems.append("oldObject: \(e)")
                }
            default: try r.skipValue()
            }
        }
        if !sawKind { throw r.missing("kind") }
        if !sawOperation { throw r.missing("operation") }
        objectError = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// An embedded object, or why it could not be read (the value is skipped either way; only
    /// broken JSON fails the whole review).
    private static func tolerant(_ r: inout JSONReader) throws(DecodeError) -> Result<KubeObject?, DecodeError> {
        if r.readNull() { return .success(nil) }
        let start = r.offset
        let depth = r.depth
        do throws(DecodeError) {
            return .success(try KubeObject(json: &r))
        } catch {
            if error.message.hasPrefix("not valid JSON") { throw error }
            r.rewind(to: start, depth: depth)
            try r.skipValue()
            return .failure(error)
        }
    }
}

extension GroupVersionKind: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(version: "", kind: "")
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "group": group = try r.readStringOrNil() ?? ""
            case "version": version = try r.readStringOrNil() ?? ""
            case "kind": kind = try r.readStringOrNil() ?? ""
            default: try r.skipValue()
            }
        }
    }
}

extension GroupVersionResource: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init(version: "", resource: "")
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "group": group = try r.readStringOrNil() ?? ""
            case "version": version = try r.readStringOrNil() ?? ""
            case "resource": resource = try r.readStringOrNil() ?? ""
            default: try r.skipValue()
            }
        }
    }
}

extension UserInfo: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        self.init()
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "username": username = try r.readStringOrNil()
            case "uid": uid = try r.readStringOrNil()
            case "groups": groups = try r.readStringArray()
            default: try r.skipValue()
            }
        }
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
    /// Decodes a body as kube-apiserver sends it. Throws `AdmissionReviewError` for anything
    /// that is not an AdmissionReview request we can answer. Duplicate keys resolve as in the
    /// API server's own decoder: the last one wins.
    public static func decode(_ data: Data) throws(AdmissionReviewError) -> AdmissionReviewRequest {
        let parsed: Result<(String?, String?, AdmissionRequest?), DecodeError> = data.withUnsafeBytes { raw in
            var r = JSONReader(raw)
            do throws(DecodeError) {
                var apiVersion: String?, kind: String?, request: AdmissionRequest?
                guard r.peekByte() == UInt8(ascii: "{") else { throw r.error("not valid JSON at byte \(r.offset): expected an object") }
                try r.beginObject()
                while let key = try r.nextKey() {
                    switch key {
                    case "apiVersion": apiVersion = try r.readStringOrNil()
                    case "kind": kind = try r.readStringOrNil()
                    case "request": request = r.readNull() ? nil : try AdmissionRequest(json: &r)
                    default: try r.skipValue()
                    }
                }
                guard r.atEnd() else { throw r.error("not valid JSON at byte \(r.offset): data after the object") }
                return .success((apiVersion, kind, request))
            } catch {
                return .failure(error)
            }
        }
        let apiVersion: String?, kind: String?, request: AdmissionRequest?
        switch parsed {
        case .success(let v): (apiVersion, kind, request) = v
        case .failure(let e):
            if e.message.hasPrefix("not valid JSON") { throw AdmissionReviewError("body is not a JSON object: \(e)") }
            throw AdmissionReviewError("request is malformed: \(e)")
        }
        guard kind == "AdmissionReview" else {
            throw AdmissionReviewError("kind must be AdmissionReview, got \(kind.map { "\"\($0)\"" } ?? "none")")
        }
        guard let raw = apiVersion, let version = AdmissionReviewVersion(rawValue: raw) else {
            let got = apiVersion.map { "\"\($0)\"" } ?? "none"
            throw AdmissionReviewError("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1, got \(got)")
        }
        guard let request else { throw AdmissionReviewError("AdmissionReview has no request") }
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
