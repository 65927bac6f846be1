import KubeModel

extension SimState {
    /// Applies a change to this state in place, touching only what the change is about, so
    /// that judging a change costs in proportion to it and not to the cluster. Returns false
    /// for changes it cannot apply locally (a LimitRange, a PriorityClass, a Node...): the
    /// caller then rebuilds the state from the changed cluster.
    public mutating func apply(_ change: Change) -> Bool {
        guard let ref = change.ref else { return true }
        switch ref.kind {
        case "Deployment", "StatefulSet", "DaemonSet", "Job":
            applyWorkload(ref, change)
        case "ReplicaSet":
            if case .replicaSet(let rs)? = change.object ?? change.oldObject, rs.metadata.controllerRef != nil { return false }
            applyWorkload(ref, change)
        case "Pod":
            return applyPod(ref, change)
        case "Service":
            services.removeAll { $0.metadata.namespace == ref.namespace && $0.metadata.nameOrEmpty == ref.name }
            if change.operation != .delete, case .service(let s)? = change.object { services.append(s) }
        case "PodDisruptionBudget":
            pdbs.removeAll { $0.metadata.namespace == ref.namespace && $0.metadata.nameOrEmpty == ref.name }
            if change.operation != .delete, case .podDisruptionBudget(let p)? = change.object { pdbs.append(p) }
        default:
            return false
        }
        return true
    }

    private mutating func applyWorkload(_ ref: ObjectRef, _ change: Change) {
        if change.operation == .delete {
            guard let w = workloadIndex[ref] else { return }
            retire(w)
            return
        }
        let previous = workloadIndex[ref].flatMap { workloads[$0].template }
        guard let o = change.object, let fresh = makeWorkload(o, reusing: previous) else { return }
        guard let w = workloadIndex[ref] else {
            addWorkload(o)
            reassess(workloads.count - 1)
            return
        }
        replace(w, with: fresh)
    }

    /// Puts a new version of a workload in place; its pods from other templates become the
    /// old revision the controller rolls away from.
    private mutating func replace(_ w: Int, with fresh: SimWorkload) {
        workloads[w] = fresh
        for i in livePods(of: w) {
            pods[i].revision = pods[i].shape.fingerprint == fresh.templateFingerprint ? 1 : 0
        }
        reassess(w)
        dirty.insert(w); touched.insert(w)
    }

    /// A workload deleted with background propagation: its pods go, nothing replaces them.
    private mutating func retire(_ w: Int) {
        workloads[w].replicas = 0
        workloads[w].template = nil
        workloadIndex[workloads[w].ref] = nil
        removeAll(livePods(of: w))
        touched.insert(w)
    }

    private mutating func applyPod(_ ref: ObjectRef, _ change: Change) -> Bool {
        guard let existing = workloadIndex[ref] else {
            // A pod of a controller, or a new bare pod.
            if change.operation == .delete {
                guard let i = pods.indices.first(where: { !pods[$0].terminal && pods[$0].namespace == ref.namespace && name(of: $0) == ref.name }) else { return true }
                remove(i)
                return true
            }
            guard case .pod(let p)? = change.object, p.metadata.controllerRef == nil || p.isMirror else { return false }
            addSnapshotPod(p, replicaSets: [:])
            return true
        }
        let node = livePods(of: existing).first.flatMap { pods[$0].node }
        if change.operation == .delete {
            retire(existing)
            return true
        }
        guard case .pod(let p)? = change.object, let fresh = makeWorkload(.pod(p), reusing: workloads[existing].template) else { return false }
        // The kubelet replaces a static pod on its node when its manifest changes; a bare
        // pod's fields mostly cannot change, but a replacement is what the change asks for.
        removeAll(livePods(of: existing))
        workloads[existing] = fresh
        reassess(existing)
        let shape = fresh.template ?? makeShape(namespace: ref.namespace ?? "default", template: PodTemplateSpec(metadata: p.metadata, spec: p.spec))
        let target = p.spec.nodeName.flatMap { nodeIndex[$0] } ?? node
        // Static pods are started by the kubelet itself, not the scheduler.
        insert(SimPod(shape: shape, owner: existing, revision: 1, node: p.isMirror ? target : nil,
                      health: workloads[existing].newPodHealth, simulated: true,
                      terminal: false, sequence: nextSequence, pinned: target))
        nextSequence += 1
        return true
    }
}
