public struct ServicePort: Sendable, Hashable, Encodable {
    public var name: String?
    public var port: Int
    public var targetPort: IntOrString?
    public var `protocol`: String?
}

public struct ServiceSpec: Sendable, Hashable, Encodable {
    public var selector: [String: String]?
    public var ports: [ServicePort]?
    public var type: String?
    public var publishNotReadyAddresses: Bool?
}

public struct Service: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec?
    /// A Service without a selector has manually managed endpoints; it is never judged here.
    public var selector: [String: String]? {
        guard let s = spec?.selector, !s.isEmpty else { return nil }
        return s
    }
}

public struct PodDisruptionBudgetSpec: Sendable, Hashable, Encodable {
    public var minAvailable: IntOrString?
    public var maxUnavailable: IntOrString?
    public var selector: LabelSelector?
    public var unhealthyPodEvictionPolicy: String?
}

public struct PodDisruptionBudget: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodDisruptionBudgetSpec
}

public struct ScopedResourceSelectorRequirement: Sendable, Hashable, Encodable {
    public var scopeName: String
    public var `operator`: String
    public var values: [String]?
    public init(scopeName: String, operator op: String, values: [String]? = nil) {
        self.scopeName = scopeName; self.operator = op; self.values = values
    }
}

public struct ResourceQuotaSpec: Sendable, Hashable {
    public var hard: [String: Quantity]?
    public var scopes: [String]?
    public var scopeSelector: [ScopedResourceSelectorRequirement]?
}

public struct ResourceQuotaStatus: Sendable, Hashable, Encodable {
    public var hard: [String: Quantity]?
    public var used: [String: Quantity]?
}

public struct ResourceQuota: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ResourceQuotaSpec?
    public var status: ResourceQuotaStatus?
}

public struct LimitRangeItem: Sendable, Hashable, Encodable {
    public var type: String
    public var `default`: [String: Quantity]?
    public var defaultRequest: [String: Quantity]?
    public var max: [String: Quantity]?
    public var min: [String: Quantity]?
    public var maxLimitRequestRatio: [String: Quantity]?
}

public struct LimitRangeSpec: Sendable, Hashable, Encodable {
    public var limits: [LimitRangeItem]
}

public struct LimitRange: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LimitRangeSpec
}

public struct PriorityClass: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var value: Int
    public var globalDefault: Bool?
    public var preemptionPolicy: String?
}

public struct CrossVersionObjectReference: Sendable, Hashable, Encodable {
    public var kind: String
    public var name: String
}

public struct HorizontalPodAutoscalerSpec: Sendable, Hashable, Encodable {
    public var scaleTargetRef: CrossVersionObjectReference
    public var minReplicas: Int?
    public var maxReplicas: Int
}

public struct HorizontalPodAutoscaler: Sendable, Hashable, Encodable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: HorizontalPodAutoscalerSpec
}

/// `node.k8s.io/v1` RuntimeClass: the overhead its pods pay and where they may run.
public struct RuntimeClass: Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var handler: String
    public var overhead: [String: Quantity]?
    public var nodeSelector: [String: String]?
    public var tolerations: [Toleration]?
}

public struct PersistentVolumeClaimSpec: Sendable, Hashable, Encodable {
    public var storageClassName: String?
    public var volumeName: String?
    public var accessModes: [String]?
    public var storage: Quantity?
}

public struct PersistentVolumeClaim: Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec
    /// `Pending`, `Bound` or `Lost`.
    public var phase: String?
}

public struct ClaimReference: Sendable, Hashable, Encodable {
    public var namespace: String?
    public var name: String?
}

public struct PersistentVolumeSpec: Sendable, Hashable, Encodable {
    public var storageClassName: String?
    public var capacity: Quantity?
    public var accessModes: [String]?
    public var claimRef: ClaimReference?
    /// `spec.nodeAffinity.required`: the nodes that can reach the volume.
    public var nodeAffinity: NodeSelector?
}

public struct PersistentVolume: Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeSpec
    public var phase: String?
}

public struct StorageClass: Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var provisioner: String
    /// `Immediate` (default) or `WaitForFirstConsumer`.
    public var volumeBindingMode: String?
    /// `storageclass.kubernetes.io/is-default-class`, read from the annotation while decoding.
    public var isDefault: Bool
}

// MARK: decoding

extension ServicePort: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        port = 0
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "name": name = try r.readStringOrNil()
            case "port": port = try r.readInt()
            case "targetPort": targetPort = try r.read(IntOrString.self)
            case "protocol": `protocol` = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension ServiceSpec: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "selector": selector = try r.readStringMap()
            case "ports": ports = try r.readArray(of: ServicePort.self)
            case "type": type = try r.readStringOrNil()
            case "publishNotReadyAddresses": publishNotReadyAddresses = try r.readBoolOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension Service: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var spec: ServiceSpec?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            guard case "spec" = k else { return false }
            spec = try r.read(ServiceSpec.self)
            return true
        }
        self.init(apiVersion: v ?? "v1", kind: "Service", metadata: m, spec: spec)
    }
}

extension PodDisruptionBudgetSpec: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "minAvailable": minAvailable = try r.read(IntOrString.self)
            case "maxUnavailable": maxUnavailable = try r.read(IntOrString.self)
            case "selector": selector = try r.read(LabelSelector.self)
            case "unhealthyPodEvictionPolicy": unhealthyPodEvictionPolicy = try r.readStringOrNil()
            default: try r.skipValue()
            }
        }
    }
}

extension PodDisruptionBudget: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var spec = PodDisruptionBudgetSpec()
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            guard case "spec" = k else { return false }
            spec = try r.read(PodDisruptionBudgetSpec.self) ?? spec
            return true
        }
        self.init(apiVersion: v ?? "policy/v1", kind: "PodDisruptionBudget", metadata: m, spec: spec)
    }
}

extension ScopedResourceSelectorRequirement: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        scopeName = ""; `operator` = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "scopeName": scopeName = try r.readString()
            case "operator": `operator` = try r.readString()
            case "values": values = try r.readStringArray()
            default: try r.skipValue()
            }
        }
    }
}

extension ResourceQuota: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var spec: ResourceQuotaSpec?
        var status: ResourceQuotaStatus?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            switch k {
            case "spec":
                if r.readNull() { return true }
                var s = ResourceQuotaSpec()
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "hard": s.hard = try r.readQuantityMap()
                    case "scopes": s.scopes = try r.readStringArray()
                    case "scopeSelector":
                        if r.readNull() { continue }
                        try r.beginObject()
                        while let g = try r.nextKey() {
                            if case "matchExpressions" = g {
                                s.scopeSelector = try r.readArray(of: ScopedResourceSelectorRequirement.self)
                            } else { try r.skipValue() }
                        }
                    default: try r.skipValue()
                    }
                }
                spec = s
            case "status":
                if r.readNull() { return true }
                var s = ResourceQuotaStatus()
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "hard": s.hard = try r.readQuantityMap()
                    case "used": s.used = try r.readQuantityMap()
                    default: try r.skipValue()
                    }
                }
                status = s
            default: return false
            }
            return true
        }
        self.init(apiVersion: v ?? "v1", kind: "ResourceQuota", metadata: m, spec: spec, status: status)
    }
}

extension LimitRangeItem: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        type = ""
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "type": type = try r.readString()
            case "default": `default` = try r.readQuantityMap()
            case "defaultRequest": defaultRequest = try r.readQuantityMap()
            case "max": max = try r.readQuantityMap()
            case "min": min = try r.readQuantityMap()
            case "maxLimitRequestRatio": maxLimitRequestRatio = try r.readQuantityMap()
            default: try r.skipValue()
            }
        }
    }
}

extension LimitRange: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var limits: [LimitRangeItem] = []
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            guard case "spec" = k else { return false }
            if r.readNull() { return true }
            try r.beginObject()
            while let f = try r.nextKey() {
                if case "limits" = f { limits = try r.readArray(of: LimitRangeItem.self) ?? [] } else { try r.skipValue() }
            }
            return true
        }
        self.init(apiVersion: v ?? "v1", kind: "LimitRange", metadata: m, spec: LimitRangeSpec(limits: limits))
    }
}

extension PriorityClass: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var value: Int?, globalDefault: Bool?, policy: String?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            switch k {
            case "value": value = try r.readInt()
            case "globalDefault": globalDefault = try r.readBoolOrNil()
            case "preemptionPolicy": policy = try r.readStringOrNil()
            default: return false
            }
            return true
        }
        guard let value else { throw r.missing("value") }
        self.init(apiVersion: v ?? "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: m, value: value,
                  globalDefault: globalDefault, preemptionPolicy: policy)
    }
}

extension HorizontalPodAutoscaler: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var spec: HorizontalPodAutoscalerSpec?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            guard case "spec" = k else { return false }
            var target = CrossVersionObjectReference(kind: "", name: "")
            var minReplicas: Int?, maxReplicas = 0
            try r.beginObject()
            while let f = try r.nextKey() {
                switch f {
                case "scaleTargetRef":
                    try r.beginObject()
                    while let g = try r.nextKey() {
                        switch g {
                        case "kind": target.kind = try r.readString()
                        case "name": target.name = try r.readString()
                        default: try r.skipValue()
                        }
                    }
                case "minReplicas": minReplicas = try r.readIntOrNil()
                case "maxReplicas": maxReplicas = try r.readInt()
                default: try r.skipValue()
                }
            }
            spec = HorizontalPodAutoscalerSpec(scaleTargetRef: target, minReplicas: minReplicas, maxReplicas: maxReplicas)
            return true
        }
        guard let spec else { throw r.missing("spec") }
        self.init(apiVersion: v ?? "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: m, spec: spec)
    }
}

extension RuntimeClass: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var handler = "", overhead: [String: Quantity]?, selector: [String: String]?, tolerations: [Toleration]?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            switch k {
            case "handler": handler = try r.readString()
            case "overhead":
                if r.readNull() { return true }
                try r.beginObject()
                while let f = try r.nextKey() {
                    if case "podFixed" = f { overhead = try r.readQuantityMap() } else { try r.skipValue() }
                }
            case "scheduling":
                if r.readNull() { return true }
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "nodeSelector": selector = try r.readStringMap()
                    case "tolerations": tolerations = try r.readArray(of: Toleration.self)
                    default: try r.skipValue()
                    }
                }
            default: return false
            }
            return true
        }
        self.init(apiVersion: v ?? "node.k8s.io/v1", kind: "RuntimeClass", metadata: m, handler: handler,
                  overhead: overhead, nodeSelector: selector, tolerations: tolerations)
    }
}

extension PersistentVolumeClaim: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var spec = PersistentVolumeClaimSpec()
        var phase: String?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            switch k {
            case "spec":
                if r.readNull() { return true }
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "storageClassName": spec.storageClassName = try r.readStringOrNil()
                    case "volumeName": spec.volumeName = try r.readStringOrNil()
                    case "accessModes": spec.accessModes = try r.readStringArray()
                    case "resources": spec.storage = try r.read(ResourceRequirements.self)?.requests?["storage"]
                    default: try r.skipValue()
                    }
                }
            case "status": phase = try TopLevel.phase(&r)
            default: return false
            }
            return true
        }
        self.init(apiVersion: v ?? "v1", kind: "PersistentVolumeClaim", metadata: m, spec: spec, phase: phase)
    }
}

extension PersistentVolume: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var spec = PersistentVolumeSpec()
        var phase: String?
        let (v, m) = try TopLevel.read(&r) { (k: JSONKey, r: inout JSONReader) throws(DecodeError) -> Bool in
            switch k {
            case "spec":
                if r.readNull() { return true }
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "storageClassName": spec.storageClassName = try r.readStringOrNil()
                    case "capacity": spec.capacity = try r.readQuantityMap()?["storage"]
                    case "accessModes": spec.accessModes = try r.readStringArray()
                    case "claimRef":
                        if r.readNull() { continue }
                        var ref = ClaimReference()
                        try r.beginObject()
                        while let g = try r.nextKey() {
                            switch g {
                            case "namespace": ref.namespace = try r.readStringOrNil()
                            case "name": ref.name = try r.readStringOrNil()
                            default: try r.skipValue()
                            }
                        }
                        spec.claimRef = ref
                    case "nodeAffinity":
                        if r.readNull() { continue }
                        try r.beginObject()
                        while let g = try r.nextKey() {
                            if case "required" = g { spec.nodeAffinity = try r.read(NodeSelector.self) } else { try r.skipValue() }
                        }
                    default: try r.skipValue()
                    }
                }
            case "status": phase = try TopLevel.phase(&r)
            default: return false
            }
            return true
        }
        self.init(apiVersion: v ?? "v1", kind: "PersistentVolume", metadata: m, spec: spec, phase: phase)
    }
}

extension StorageClass: JSONDecodable {
    public init(json r: inout JSONReader) throws(DecodeError) {
        var provisioner = "", mode: String?, isDefault = false
        var apiVersion: String?
        var meta = ObjectMeta()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "apiVersion": apiVersion = try r.readInternedString()
            case "provisioner": provisioner = try r.readString()
            case "volumeBindingMode": mode = try r.readStringOrNil()
            case "metadata":
                // The default-class annotation is the one annotation of a StorageClass that matters.
                if r.readNull() { continue }
                try r.beginObject()
                while let f = try r.nextKey() {
                    switch f {
                    case "name": meta.name = try r.readStringOrNil()
                    case "labels": meta.labels = try r.readStringMap()
                    case "resourceVersion": meta.resourceVersion = try r.readStringOrNil()
                    case "annotations":
                        let all = try r.readStringMap() ?? [:]
                        isDefault = all["storageclass.kubernetes.io/is-default-class"] == "true"
                            || all["storageclass.beta.kubernetes.io/is-default-class"] == "true"
                    default: try r.skipValue()
                    }
                }
            default: try r.skipValue()
            }
        }
        self.init(apiVersion: apiVersion ?? "storage.k8s.io/v1", kind: "StorageClass", metadata: meta,
                  provisioner: provisioner, volumeBindingMode: mode, isDefault: isDefault)
    }
}

/// apiVersion, metadata and whatever else `field` claims, for kinds with no common spec shape.
enum TopLevel {
    static func read(_ r: inout JSONReader,
                     field: (JSONKey, inout JSONReader) throws(DecodeError) -> Bool) throws(DecodeError) -> (String?, ObjectMeta) {
        var apiVersion: String?
        var meta = ObjectMeta()
        try r.beginObject()
        while let k = try r.nextKey() {
            switch k {
            case "apiVersion": apiVersion = try r.readInternedString()
            case "metadata": meta = try r.read(ObjectMeta.self) ?? ObjectMeta()
            case "kind": try r.skipValue()
            default: if try !field(k, &r) { try r.skipValue() }
            }
        }
        return (apiVersion, meta)
    }

    /// `status.phase`.
    static func phase(_ r: inout JSONReader) throws(DecodeError) -> String? {
        if r.readNull() { return nil }
        var phase: String?
        try r.beginObject()
        while let k = try r.nextKey() {
            if case "phase" = k { phase = try r.readStringOrNil() } else { try r.skipValue() }
        }
        return phase
    }
}
