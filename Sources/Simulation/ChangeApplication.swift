import KubeModel

extension SimState {
    /// Applies a change to this state in place, touching only what the change is about, so
    /// that judging a change (or taking a watch event) costs in proportion to it and not to
    /// the cluster. Returns false for changes it cannot apply locally (a LimitRange, a
    /// PriorityClass, a deleted Node...): the caller then rebuilds the state from the cluster.
    public mutating func apply(_ change: Change) -> Bool {
        guard let ref = change.ref else { return true }
        switch ref.kind {
        case "Deployment", "StatefulSet", "DaemonSet", "Job":
            applyWorkload(ref, change)
        case "ReplicaSet":
            return applyReplicaSet(ref, change)
        case "Pod":
            return applyPod(ref, change)
        case "Node":
            return applyNode(ref, change)
        case "Namespace":
            if change.operation == .delete { namespaceLabels[ref.name] = nil } else { namespaceLabels[ref.name] = change.object?.metadata.labelsOrEmpty ?? [:] }
        case "Service":
            services.removeAll { $0.metadata.namespace == ref.namespace && $0.metadata.nameOrEmpty == ref.name }
            if change.operation != .delete, case .service(let s)? = change.object { services.append(s) }
            reindexServices()
        case "PodDisruptionBudget":
            pdbs.removeAll { $0.metadata.namespace == ref.namespace && $0.metadata.nameOrEmpty == ref.name }
            if change.operation != .delete, case .podDisruptionBudget(let p)? = change.object { pdbs.append(p) }
        case "ResourceQuota":
            applyQuota(ref, change)
        case "PersistentVolumeClaim":
            if change.operation != .delete, case .persistentVolumeClaim(let c)? = change.object { claims[ref] = c } else { claims[ref] = nil }
            capacityChanged()
        case "PersistentVolume":
            if change.operation != .delete, case .persistentVolume(let v)? = change.object { volumes[ref.name] = v } else { volumes[ref.name] = nil }
            capacityChanged()
        case "StorageClass":
            if change.operation != .delete, case .storageClass(let c)? = change.object { storageClasses[ref.name] = c } else { storageClasses[ref.name] = nil }
            capacityChanged()
        case "ConfigMap", "Secret", "ServiceAccount":
            reportedKinds.insert(ref.kind)
            if change.operation == .delete { namedObjects.remove(ref) } else { namedObjects.insert(ref) }
            return true
        case "HorizontalPodAutoscaler":
            if change.operation != .delete, case .horizontalPodAutoscaler(let h)? = change.object { autoscalers[ref] = h } else { autoscalers[ref] = nil }
            return true
        case "CronJob":
            // Not read by the controllers and scheduler modelled so far.
            return true
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

    /// A ReplicaSet of a Deployment is part of that workload: only who owns it is kept. One
    /// with no Deployment is a workload of its own.
    private mutating func applyReplicaSet(_ ref: ObjectRef, _ change: Change) -> Bool {
        guard case .replicaSet(let rs)? = change.object ?? change.oldObject else { return true }
        if let d = rs.metadata.controllerRef, d.kind == "Deployment" {
            guard workloadIndex[ObjectRef(kind: "Deployment", namespace: ref.namespace, name: d.name)] != nil else { return false }
            if change.operation == .delete { replicaSetOwners[ref] = nil } else { replicaSetOwners[ref] = d.name }
            return true
        }
        applyWorkload(ref, change)
        return true
    }

    /// Puts a new version of a workload in place; its pods from other templates become the
    /// old revision the controller rolls away from.
    private mutating func replace(_ w: Int, with fresh: SimWorkload) {
        workloads[w] = fresh
        for i in livePods(of: w) {
            pods[i].revision = fresh.isCurrent(pods[i].shape.fingerprint) ? 1 : 0
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
        // A bare or static pod is a workload of its own.
        if let existing = workloadIndex[ref] { return applyOwnPod(existing, ref, change) }
        if change.operation == .delete || change.object?.metadata.isTerminating == true {
            if case .pod(let p)? = change.oldObject ?? change.object, let i = podIndex(of: p) { remove(i) }
            return true
        }
        guard case .pod(let p)? = change.object else { return true }
        if let i = podIndex(of: p) {
            return updatePod(i, p)
        }
        if p.metadata.controllerRef == nil || p.isMirror {
            addSnapshotPod(p)
            return true
        }
        return addControllerPod(p)
    }

    /// A pod of a controller appears (the controller made it, as the simulation did for the
    /// pods it expected): it takes the place of one of the simulation's own pods of the same
    /// owner and revision, preferably one on the same node, so that the count stays right.
    private mutating func addControllerPod(_ p: Pod) -> Bool {
        guard let i = addSnapshotPod(p) else { return true }
        guard let w = pods[i].owner else { return true }
        let standIns = livePods(of: w).filter { $0 != i && pods[$0].simulated && pods[$0].revision == pods[i].revision }
        let sameNode = standIns.first { pods[$0].node != nil && pods[$0].node == pods[i].node }
        if let standIn = sameNode ?? standIns.first(where: { pods[$0].node == nil }) ?? standIns.last {
            remove(standIn)
        }
        return true
    }

    /// The API reports a new version of a pod we hold: its binding, phase, health or spec.
    private mutating func updatePod(_ i: Int, _ p: Pod) -> Bool {
        if pods[i].terminal { return true }
        var spec = p.spec
        spec.nodeName = nil
        // A changed spec (an in-place resize) gets the pod a new shape.
        if spec != pods[i].shape.spec || p.metadata.labelsOrEmpty != pods[i].shape.labels {
            remove(i)
            return applyPod(ObjectRef(kind: "Pod", namespace: p.metadata.namespace, name: p.metadata.nameOrEmpty),
                            Change(operation: .create, object: .pod(p)))
        }
        if let w = pods[i].owner, let status = p.status {
            if let k = reported[w]?.firstIndex(where: { $0.pod == Int32(i) }) { reported[w]![k].status = status }
            else { reported[w, default: []].append(Reported(pod: Int32(i), status: status)) }
        }
        if p.isTerminal {
            remove(i)
            return true
        }
        let node = p.spec.nodeName.flatMap { nodeIndex[$0] }
        if p.spec.nodeName != nil && node == nil { remove(i); return true }
        if let node, pods[i].node != node {
            if pods[i].node != nil { unbind(i) }
            bind(i, to: node)
        }
        let (health, reason) = Self.health(fromStatus: p)
        if p.status != nil && (pods[i].health != health || healthReasons[i] != reason) {
            pods[i].simulated = false
            setHealth(pod: i, health, reason: reason)
        }
        return true
    }

    private mutating func applyOwnPod(_ existing: Int, _ ref: ObjectRef, _ change: Change) -> Bool {
        let node = livePods(of: existing).first.flatMap { pods[$0].node }
        if change.operation == .delete {
            for i in livePods(of: existing) { remove(i) }
            retire(existing)
            return true
        }
        guard case .pod(let p)? = change.object else { return false }
        var spec = p.spec
        spec.nodeName = nil
        if p.status != nil, let i = podIndex(of: p), !p.isMirror || spec == pods[i].shape.spec {
            // The API reporting on a pod we hold (its status, its binding).
            return updatePod(i, p)
        }
        guard let fresh = makeWorkload(.pod(p), reusing: workloads[existing].template) else { return false }
        // The kubelet replaces a static pod on its node when its manifest changes; a bare
        // pod's fields mostly cannot change, but a replacement is what the change asks for.
        for i in livePods(of: existing) { remove(i) }
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

    /// A node added or changed in place (labels, taints, conditions, capacity). What is
    /// charged to it stays; DaemonSets and pending pods look again. A deleted node renumbers
    /// the rest, which a rebuild does.
    private mutating func applyNode(_ ref: ObjectRef, _ change: Change) -> Bool {
        guard change.operation != .delete, case .node(let n)? = change.object else { return false }
        if let i = nodeIndex[n.name] {
            var fresh = SimNode(n)
            fresh.requested = nodes[i].requested
            fresh.nonZeroRequested = nodes[i].nonZeroRequested
            fresh.usedHostPorts = nodes[i].usedHostPorts
            // A simulated fault (NotReady) stays until the planner's own events say otherwise.
            nodes[i] = fresh
            evictForNoExecute(node: i)
        } else {
            nodeIndex[n.name] = nodes.count
            nodes.append(SimNode(n))
            nodePods.append([])
        }
        for w in workloads.indices where workloads[w].kind == .daemonSet { dirty.insert(w) }
        capacityChanged()
        return true
    }

    /// The taint eviction controller (`pkg/controller/tainteviction/taint_eviction.go`; in
    /// v1.20 the node lifecycle controller's `NoExecuteTaintManager`): a pod that does not
    /// tolerate a NoExecute taint of its node is deleted at once, one that tolerates it for
    /// `tolerationSeconds` when they run out; only a toleration without a limit keeps it. The
    /// eviction API is not used, so disruption budgets are not asked. NoSchedule taints and
    /// cordons evict nothing.
    mutating func evictForNoExecute(node i: Int) {
        let noExecute = nodes[i].taints.filter { $0.effect == "NoExecute" }
        guard !noExecute.isEmpty else { return }
        for p in nodePods[i] {
            let tolerations = pods[p].shape.scheduling.tolerations
            let stays = noExecute.allSatisfy { t in tolerations.contains { $0.tolerates(t) && $0.tolerationSeconds == nil } }
            if stays { continue }
            events.append(.evicted(pod: name(of: p), owner: pods[p].owner, node: nodes[i].name))
            remove(p)
        }
    }

    private mutating func applyQuota(_ ref: ObjectRef, _ change: Change) {
        quotas.removeAll { $0.namespace == (ref.namespace ?? "default") && $0.quota.metadata.nameOrEmpty == ref.name }
        guard change.operation != .delete, case .resourceQuota(let q)? = change.object else { return }
        var state = QuotaState(q)
        state.unexplained = unexplainedUsage(state)
        quotas.append(state)
    }
}
