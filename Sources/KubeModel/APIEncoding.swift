/// Encoders that write the API's own shape where the model keeps a reduced one, so that a
/// snapshot written by `premortem snapshot` reads back as the same objects (and reads like
/// `kubectl get -o json` to a person).
struct APIKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where K == APIKey {
    mutating func put<T: Encodable>(_ value: T?, _ key: String) throws {
        try encodeIfPresent(value, forKey: APIKey(key))
    }
}

private struct NameRef: Encodable { var name: String; var optional: Bool? }

extension SecurityContext: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(privileged, "privileged")
        try c.put(allowPrivilegeEscalation, "allowPrivilegeEscalation")
        try c.put(capabilities, "capabilities")
        try c.put(runAsNonRoot, "runAsNonRoot")
        try c.put(runAsUser, "runAsUser")
        try c.put(runAsGroup, "runAsGroup")
        try c.put(readOnlyRootFilesystem, "readOnlyRootFilesystem")
        try c.put(procMount, "procMount")
        try c.put(seccompProfile, "seccompProfile")
        try c.put(seLinuxOptions, "seLinuxOptions")
        try c.put(appArmorProfile, "appArmorProfile")
        try c.put(windowsHostProcess.map { ["hostProcess": $0] }, "windowsOptions")
    }
}

extension PodSecurityContext: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(runAsNonRoot, "runAsNonRoot")
        try c.put(runAsUser, "runAsUser")
        try c.put(runAsGroup, "runAsGroup")
        try c.put(seccompProfile, "seccompProfile")
        try c.put(seLinuxOptions, "seLinuxOptions")
        try c.put(appArmorProfile, "appArmorProfile")
        try c.put(windowsHostProcess.map { ["hostProcess": $0] }, "windowsOptions")
        // Values are not kept; an empty value is what the pod is judged on (the name).
        try c.put(sysctls.map { $0.map { ["name": $0, "value": ""] } }, "sysctls")
    }
}

extension Container: Encodable {
    private struct EnvFrom: Encodable { var configMapRef: NameRef?; var secretRef: NameRef? }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(name, "name")
        try c.put(image, "image")
        try c.put(command, "command")
        try c.put(args, "args")
        try c.put(ports, "ports")
        try c.put(resources, "resources")
        try c.put(livenessProbe, "livenessProbe")
        try c.put(readinessProbe, "readinessProbe")
        try c.put(startupProbe, "startupProbe")
        try c.put(restartPolicy, "restartPolicy")
        try c.put(securityContext, "securityContext")
        // References are written as envFrom: what they need is the same (the object exists).
        try c.put(envSources.map { refs in
            refs.map { r in
                r.kind == "Secret" ? EnvFrom(secretRef: NameRef(name: r.name, optional: r.optional ? true : nil))
                    : EnvFrom(configMapRef: NameRef(name: r.name, optional: r.optional ? true : nil))
            }
        }, "envFrom")
    }
}

extension VolumeClaimTemplate: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(["name": name], "metadata")
        try c.put(ClaimSpec(storageClassName: storageClassName, resources: storage.map { ["requests": ["storage": $0]] }), "spec")
    }

    private struct ClaimSpec: Encodable {
        var storageClassName: String?
        var resources: [String: [String: Quantity]]?
    }
}

extension PodFailurePolicyRule: Encodable {
    private struct ExitCodes: Encodable { var containerName: String?; var `operator`: String; var values: [Int] }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(action, "action")
        if let exitCodes {
            try c.put(ExitCodes(containerName: containerName, operator: exitCodeOperator ?? "In", values: exitCodes), "onExitCodes")
        }
        try c.put(conditionTypes.map { $0.map { ["type": $0, "status": "True"] } }, "onPodConditions")
    }
}

extension JobSpec: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(parallelism, "parallelism")
        try c.put(completions, "completions")
        try c.put(backoffLimit, "backoffLimit")
        try c.put(activeDeadlineSeconds, "activeDeadlineSeconds")
        try c.put(suspend, "suspend")
        try c.put(podFailurePolicy.map { ["rules": $0] }, "podFailurePolicy")
        try c.put(template, "template")
    }
}

extension Job: Encodable {
    private struct Status: Encodable {
        var active: Int?, succeeded: Int?, failed: Int?
        var conditions: [PodCondition]?
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(apiVersion, "apiVersion")
        try c.put(kind, "kind")
        try c.put(metadata, "metadata")
        try c.put(spec, "spec")
        try c.put(status.map { s in
            Status(active: s.active, succeeded: s.succeeded, failed: s.failed,
                   conditions: s.finished.map { [PodCondition(type: $0, status: "True")] })
        }, "status")
    }
}

extension ResourceQuotaSpec: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(hard, "hard")
        try c.put(scopes, "scopes")
        try c.put(scopeSelector.map { ["matchExpressions": $0] }, "scopeSelector")
    }
}

extension RuntimeClass: Encodable {
    private struct Scheduling: Encodable { var nodeSelector: [String: String]?; var tolerations: [Toleration]? }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(apiVersion, "apiVersion")
        try c.put(kind, "kind")
        try c.put(metadata, "metadata")
        try c.put(handler, "handler")
        try c.put(overhead.map { ["podFixed": $0] }, "overhead")
        if nodeSelector != nil || tolerations != nil {
            try c.put(Scheduling(nodeSelector: nodeSelector, tolerations: tolerations), "scheduling")
        }
    }
}

extension PersistentVolumeClaim: Encodable {
    private struct Spec: Encodable {
        var storageClassName: String?, volumeName: String?, accessModes: [String]?
        var resources: ResourceRequirements?
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(apiVersion, "apiVersion")
        try c.put(kind, "kind")
        try c.put(metadata, "metadata")
        try c.put(Spec(storageClassName: spec.storageClassName, volumeName: spec.volumeName, accessModes: spec.accessModes,
                       resources: spec.storage.map { ResourceRequirements(requests: ["storage": $0]) }), "spec")
        try c.put(phase.map { ["phase": $0] }, "status")
    }
}

extension PersistentVolume: Encodable {
    private struct Spec: Encodable {
        var storageClassName: String?, capacity: [String: Quantity]?, accessModes: [String]?
        var claimRef: ClaimReference?
        var nodeAffinity: [String: NodeSelector]?
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(apiVersion, "apiVersion")
        try c.put(kind, "kind")
        try c.put(metadata, "metadata")
        try c.put(Spec(storageClassName: spec.storageClassName, capacity: spec.capacity.map { ["storage": $0] },
                       accessModes: spec.accessModes, claimRef: spec.claimRef,
                       nodeAffinity: spec.nodeAffinity.map { ["required": $0] }), "spec")
        try c.put(phase.map { ["phase": $0] }, "status")
    }
}

extension StorageClass: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.put(apiVersion, "apiVersion")
        try c.put(kind, "kind")
        var meta = metadata
        if isDefault { meta.annotations = ["storageclass.kubernetes.io/is-default-class": "true"] }
        try c.put(meta, "metadata")
        try c.put(provisioner, "provisioner")
        try c.put(volumeBindingMode, "volumeBindingMode")
    }
}
