import KubeModel

/// The pod's claims as the volume plugins found them at PreFilter.
struct VolumeState: Sendable {
    /// Bound volumes: their node affinity and zone labels restrict the pod.
    var bound: [PersistentVolume] = []
    /// Claims waiting for the pod's node (WaitForFirstConsumer) that no volume or provisioner can serve.
    var unservable: [PersistentVolumeClaim] = []
}

/// `pkg/scheduler/framework/plugins/volumebinding`, as far as claims and volumes are in the
/// state: a claim that does not exist rejects the pod; an unbound claim with immediate binding
/// that nothing can bind (no matching volume, no provisioner) keeps it Pending; a bound
/// volume's node affinity limits where the pod can go.
struct VolumeBinding: PreFilterPlugin, FilterPlugin {
    let name = "VolumeBinding"
    static let reasonNodeConflict = "node(s) had volume node affinity conflict"
    static let reasonBindConflict = "node(s) didn't find available persistent volumes to bind"
    static let reasonUnboundImmediate = "pod has unbound immediate PersistentVolumeClaims"

    func preFilter(_ cycle: inout CycleState, _ s: SimState) -> Status? {
        let claims = cycle.shape.scheduling.claims
        guard !claims.isEmpty, s.tracksVolumes else { return nil }
        var state = VolumeState()
        for claimName in claims {
            guard let claim = s.claims[ObjectRef(kind: "PersistentVolumeClaim", namespace: cycle.shape.namespace, name: claimName)] else {
                return .unresolvable(name, "persistentvolumeclaim \"\(claimName)\" not found")
            }
            if let volumeName = claim.spec.volumeName, !volumeName.isEmpty {
                if let pv = s.volumes[volumeName] { state.bound.append(pv) }
                continue
            }
            let className = claim.spec.storageClassName ?? ""
            let sc = s.storageClasses[className]
            if Self.matchingVolume(for: claim, s) != nil || sc?.provisioner.isEmpty == false { continue }
            if sc?.volumeBindingMode == "WaitForFirstConsumer" {
                state.unservable.append(claim)
            } else {
                return .unresolvable(name, Self.reasonUnboundImmediate)
            }
        }
        cycle.volumes = state
        return nil
    }

    /// An Available volume of the claim's class, big enough, with its access modes.
    static func matchingVolume(for claim: PersistentVolumeClaim, _ s: SimState) -> PersistentVolume? {
        s.volumes.values.sorted { $0.metadata.nameOrEmpty < $1.metadata.nameOrEmpty }.first { pv in
            pv.spec.claimRef == nil && (pv.spec.storageClassName ?? "") == (claim.spec.storageClassName ?? "")
                && (claim.spec.storage.map { need in (pv.spec.capacity ?? .zero) >= need } ?? true)
                && Set(claim.spec.accessModes ?? []).isSubset(of: Set(pv.spec.accessModes ?? []))
        }
    }

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard let state = cycle.volumes else { return nil }
        let n = s.nodes[node.index]
        for pv in state.bound {
            if let terms = pv.spec.nodeAffinity?.nodeSelectorTerms, !terms.contains(where: { NodeAffinity.termMatches($0, n) }) {
                return .unresolvable(name, Self.reasonNodeConflict)
            }
        }
        if !state.unservable.isEmpty { return .unresolvable(name, Self.reasonBindConflict) }
        return nil
    }
}

/// `pkg/scheduler/framework/plugins/volumezone/volume_zone.go`: a bound volume labelled with a
/// zone or region takes its pod only to nodes in it (a label value may list several, `a__b`).
struct VolumeZone: FilterPlugin {
    let name = "VolumeZone"
    static let reason = "node(s) had no available volume zone"
    static let keys = ["topology.kubernetes.io/zone", "topology.kubernetes.io/region",
                       "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region"]

    func filter(_ cycle: CycleState, _ node: NodeView, _ s: SimState) -> Status? {
        guard let state = cycle.volumes else { return nil }
        let labels = s.nodes[node.index].labels
        for pv in state.bound {
            for key in Self.keys {
                guard let want = pv.metadata.labels?[key] else { continue }
                let allowed = Set(want.components(separatedBy: "__"))
                guard let have = labels[key], allowed.contains(have) else { return .unresolvable(name, Self.reason) }
            }
        }
        return nil
    }
}
