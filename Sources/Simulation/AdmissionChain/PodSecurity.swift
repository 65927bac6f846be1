import KubeModel

/// Pod Security admission (`staging/src/k8s.io/pod-security-admission`, GA since 1.25; v1.20
/// has no such plugin, so these rules are pinned by unit tests on the current source): a
/// namespace labelled `pod-security.kubernetes.io/enforce: baseline|restricted` refuses pods
/// that violate the level. The message is the API server's: `violates PodSecurity
/// "restricted:latest": <reason> (<detail>), ...`, the checks in the order of their IDs
/// (`policy/registry.go`), each worded as its `check_*.go` words it.
enum PodSecurity {
    enum Level: String { case privileged, baseline, restricted }

    static let enforceLabel = "pod-security.kubernetes.io/enforce"

    /// The level a namespace enforces; an unknown value is `restricted`, as the admission
    /// plugin treats an invalid level (`api.ParseLevel` failing falls back to the most secure).
    static func level(_ namespaceLabels: [String: String]) -> Level {
        guard let v = namespaceLabels[enforceLabel] else { return .privileged }
        return Level(rawValue: v) ?? .restricted
    }

    /// nil when the pod is allowed at `level`.
    static func violation(_ spec: PodSpec, level: Level) -> String? {
        if level == .privileged { return nil }
        var failures: [(id: String, text: String)] = []
        for check in baselineChecks { if let t = check.1(spec) { failures.append((check.0, t)) } }
        if level == .restricted {
            for check in restrictedChecks { if let t = check.1(spec) { failures.append((check.0, t)) } }
        }
        guard !failures.isEmpty else { return nil }
        let list = failures.sorted { $0.id < $1.id }.map(\.text).joined(separator: ", ")
        return "violates PodSecurity \"\(level.rawValue):latest\": \(list)"
    }

    typealias Check = (String, @Sendable (PodSpec) -> String?)

    static func containers(_ spec: PodSpec) -> [Container] { spec.initContainersOrEmpty + spec.containers }

    static func pluralize(_ one: String, _ many: String, _ n: Int) -> String { n == 1 ? one : many }

    static func joinQuote(_ items: [String]) -> String { items.map { "\"\($0)\"" }.joined(separator: ", ") }

    static func containersPhrase(_ names: [String]) -> String { "\(pluralize("container", "containers", names.count)) \(joinQuote(names))" }

    /// Capabilities a baseline pod may add (`check_capabilities_baseline.go`).
    static let defaultCapabilities: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    /// Volume sources a restricted pod may use (`check_restrictedVolumes.go`).
    static let restrictedVolumeSources: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    ]

    static let baselineChecks: [Check] = [
        ("capabilities_baseline", { spec in
            var bad: [String] = [], caps = Set<String>()
            for c in containers(spec) {
                let added = (c.securityContext?.capabilities?.add ?? []).filter { !defaultCapabilities.contains($0) }
                if !added.isEmpty { bad.append(c.name); caps.formUnion(added) }
            }
            if bad.isEmpty { return nil }
            return "non-default capabilities (\(containersPhrase(bad)) must not include \(joinQuote(caps.sorted())) in securityContext.capabilities.add)"
        }),
        ("hostNamespaces", { spec in
            var set: [String] = []
            if spec.hostNetwork == true { set.append("hostNetwork=true") }
            if spec.hostPID == true { set.append("hostPID=true") }
            if spec.hostIPC == true { set.append("hostIPC=true") }
            return set.isEmpty ? nil : "host namespaces (\(set.joined(separator: ", ")))"
        }),
        ("hostPathVolumes", { spec in
            let n = spec.volumesOrEmpty.filter { $0.source == "hostPath" }.count
            // Volume names are not kept in the model; the paths stand in for them.
            let paths = spec.volumesOrEmpty.filter { $0.source == "hostPath" }.map { $0.hostPath ?? "" }
            return n == 0 ? nil : "hostPath volumes (\(pluralize("volume", "volumes", n)) of \(joinQuote(paths)))"
        }),
        ("hostPorts", { spec in
            var bad: [String] = [], ports: [String] = []
            for c in containers(spec) {
                let hp = c.portsOrEmpty.compactMap(\.hostPort).filter { $0 != 0 }
                if !hp.isEmpty { bad.append(c.name); ports += hp.map(String.init) }
            }
            if bad.isEmpty { return nil }
            return "hostPort (\(containersPhrase(bad)) \(pluralize("uses", "use", bad.count)) \(pluralize("hostPort", "hostPorts", ports.count)) \(ports.joined(separator: ", ")))"
        }),
        ("privileged", { spec in
            let bad = containers(spec).filter { $0.securityContext?.privileged == true }.map(\.name)
            return bad.isEmpty ? nil : "privileged (\(containersPhrase(bad)) must not set securityContext.privileged=true)"
        }),
        ("seccompProfile_baseline", { spec in
            var setters: [String] = []
            if spec.securityContext?.seccompProfile?.type == "Unconfined" { setters.append("pod") }
            let bad = containers(spec).filter { $0.securityContext?.seccompProfile?.type == "Unconfined" }.map(\.name)
            if !bad.isEmpty { setters.append(containersPhrase(bad)) }
            return setters.isEmpty ? nil : "seccompProfile (\(setters.joined(separator: " and ")) must not set securityContext.seccompProfile.type to \"Unconfined\")"
        }),
    ]

    static let restrictedChecks: [Check] = [
        ("allowPrivilegeEscalation", { spec in
            let bad = containers(spec).filter { $0.securityContext?.allowPrivilegeEscalation != false }.map(\.name)
            return bad.isEmpty ? nil : "allowPrivilegeEscalation != false (\(containersPhrase(bad)) must set securityContext.allowPrivilegeEscalation=false)"
        }),
        ("capabilities_restricted", { spec in
            var missingDrop: [String] = [], adding: [String] = [], caps = Set<String>()
            for c in containers(spec) {
                let cap = c.securityContext?.capabilities
                if !(cap?.drop ?? []).contains("ALL") { missingDrop.append(c.name) }
                let added = (cap?.add ?? []).filter { $0 != "NET_BIND_SERVICE" }
                if !added.isEmpty { adding.append(c.name); caps.formUnion(added) }
            }
            var details: [String] = []
            if !missingDrop.isEmpty { details.append("\(containersPhrase(missingDrop)) must set securityContext.capabilities.drop=[\"ALL\"]") }
            if !adding.isEmpty { details.append("\(containersPhrase(adding)) must not include \(joinQuote(caps.sorted())) in securityContext.capabilities.add") }
            return details.isEmpty ? nil : "unrestricted capabilities (\(details.joined(separator: "; ")))"
        }),
        ("restrictedVolumes", { spec in
            let bad = spec.volumesOrEmpty.filter { !restrictedVolumeSources.contains($0.source) }
            if bad.isEmpty { return nil }
            let types = Set(bad.map(\.source)).sorted()
            return "restricted volume types (\(pluralize("volume", "volumes", bad.count)) \(pluralize("uses", "use", bad.count)) \(pluralize("restricted volume type", "restricted volume types", types.count)) \(joinQuote(types)))"
        }),
        ("runAsNonRoot", { spec in
            var setters: [String] = []
            var podNonRoot = false
            if let v = spec.securityContext?.runAsNonRoot { if v { podNonRoot = true } else { setters.append("pod") } }
            var explicit: [String] = [], implicit: [String] = []
            for c in containers(spec) {
                if let v = c.securityContext?.runAsNonRoot { if !v { explicit.append(c.name) } } else if !podNonRoot { implicit.append(c.name) }
            }
            if !explicit.isEmpty { setters.append(containersPhrase(explicit)) }
            if !setters.isEmpty { return "runAsNonRoot != true (\(setters.joined(separator: " and ")) must not set securityContext.runAsNonRoot=false)" }
            if !implicit.isEmpty { return "runAsNonRoot != true (pod or \(containersPhrase(implicit)) must set securityContext.runAsNonRoot=true)" }
            return nil
        }),
        ("runAsUser", { spec in
            var setters: [String] = []
            if spec.securityContext?.runAsUser == 0 { setters.append("pod") }
            let bad = containers(spec).filter { $0.securityContext?.runAsUser == 0 }.map(\.name)
            if !bad.isEmpty { setters.append(containersPhrase(bad)) }
            return setters.isEmpty ? nil : "runAsUser=0 (\(setters.joined(separator: " and ")) must not set runAsUser=0)"
        }),
        ("seccompProfile_restricted", { spec in
            func valid(_ t: String?) -> Bool { t == "RuntimeDefault" || t == "Localhost" }
            var setters: [String] = [], badValues = Set<String>()
            var podSet = false
            if let p = spec.securityContext?.seccompProfile {
                if valid(p.type) { podSet = true } else { setters.append("pod"); badValues.insert(p.type ?? "") }
            }
            var explicit: [String] = [], implicit: [String] = []
            for c in containers(spec) {
                if let p = c.securityContext?.seccompProfile {
                    if !valid(p.type) { explicit.append(c.name); badValues.insert(p.type ?? "") }
                } else if !podSet { implicit.append(c.name) }
            }
            if !explicit.isEmpty { setters.append(containersPhrase(explicit)) }
            if !setters.isEmpty {
                return "seccompProfile (\(setters.joined(separator: " and ")) must not set securityContext.seccompProfile.type to \(joinQuote(badValues.sorted())))"
            }
            if !implicit.isEmpty {
                return "seccompProfile (pod or \(containersPhrase(implicit)) must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")"
            }
            return nil
        }),
    ]
}
