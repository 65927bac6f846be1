import KubeModel

extension SimState {
    /// Builds the simulation's view of `cluster`: nodes with their charged requests, every
    /// workload with its template, and every pod tied to its controller and revision.
    public init(_ cluster: Cluster) {
        // Sort the keys, not the objects: moving large enum values around is what costs.
        let keys = cluster.objects.keys.sorted()
        for key in keys {
            switch cluster.objects[key]! {
            case .node(let n):
                nodeIndex[n.name] = nodes.count
                nodes.append(SimNode(n))
                nodePods.append([])
            case .priorityClass(let pc): priorityClasses[pc.metadata.nameOrEmpty] = pc
            case .runtimeClass(let rc): runtimeClasses[rc.metadata.nameOrEmpty] = rc
            case .namespace(let ns): namespaceLabels[ns.metadata.nameOrEmpty] = ns.metadata.labelsOrEmpty
            case .service(let s): services.append(s)
            case .podDisruptionBudget(let p): pdbs.append(p)
            case .resourceQuota(let q): quotas.append(QuotaState(q))
            case .limitRange(let l): limitRanges[l.metadata.namespace ?? "default", default: []].append(LimitRanger.withAPIDefaults(l))
            case .replicaSet(let rs):
                if let d = rs.metadata.controllerRef, d.kind == "Deployment" { replicaSetOwners[key] = d.name }
            case .persistentVolumeClaim(let c): claims[key] = c
            case .persistentVolume(let v): volumes[v.metadata.nameOrEmpty] = v
            case .storageClass(let sc): storageClasses[sc.metadata.nameOrEmpty] = sc
            case .horizontalPodAutoscaler(let h): autoscalers[key] = h
            case .reference(let o) where Self.referencedKinds.contains(o.kind):
                namedObjects.insert(key)
                reportedKinds.insert(o.kind)
            default: break
            }
        }
        reindexServices()
        for key in keys {
            guard let o = cluster.objects[key] else { continue }
            switch o {
            case .deployment, .statefulSet, .daemonSet, .job: addWorkload(o)
            case .replicaSet(let rs) where rs.metadata.controllerRef?.kind != "Deployment"
                || cluster.objects[ObjectRef(kind: "Deployment", namespace: rs.metadata.namespace, name: rs.metadata.controllerRef?.name ?? "")] == nil:
                replicaSetOwners[key] = nil
                addWorkload(o)
            default: break
            }
        }
        for key in cluster.pods.keys.sorted() { addSnapshotPod(cluster.pods[key]!) }
        shapesAtBuild = shapes.count
        for i in quotas.indices { quotas[i].unexplained = unexplainedUsage(quotas[i]) }
        for i in workloads.indices { reassess(i) }
    }

    /// The PriorityClass marked globalDefault (the first by name if several are).
    var defaultPriorityClass: PriorityClass? {
        priorityClasses.values.filter { $0.globalDefault == true }.min { $0.metadata.nameOrEmpty < $1.metadata.nameOrEmpty }
    }

    /// Priority as the Priority admission plugin resolves it.
    func priority(of spec: PodSpec) -> (Int, Bool) {
        var value = spec.priority
        var policy = spec.preemptionPolicy
        if let name = spec.priorityClassName, let pc = priorityClasses[name] {
            value = value ?? pc.value
            policy = policy ?? pc.preemptionPolicy
        } else if spec.priority == nil, let def = defaultPriorityClass {
            value = def.value
            policy = policy ?? def.preemptionPolicy
        }
        return (value ?? 0, (policy ?? "PreemptLowerPriority") != "Never")
    }

    /// The shape of pods made from `template`. `reusing` is the shape the workload had: when
    /// the template did not change (a re-apply), it is kept, so that a long-running server
    /// does not keep a new shape for every apply of the same object.
    mutating func makeShape(namespace: String, template: PodTemplateSpec, reusing old: PodShape? = nil) -> PodShape {
        let spec = LimitRanger.applyDefaults(admittedSpec(template.spec), ranges: limitRanges[namespace] ?? [])
        let (prio, preempt) = priority(of: spec)
        let labels = template.metadata?.labelsOrEmpty ?? [:]
        if let old, old.namespace == namespace, old.priority == prio,
           old.preemptLowerPriority == preempt, old.labels == labels, old.spec == spec {
            return old
        }
        return keep(PodShape(namespace: namespace, labels: labels, spec: spec, priority: prio, preemptLowerPriority: preempt))
    }

    /// A template's spec after API defaulting and the mutating plugins that do not depend on
    /// the namespace's LimitRanges, in `plugins.go` order: DefaultTolerationSeconds, then
    /// RuntimeClass (overhead, node selector, tolerations).
    func admittedSpec(_ spec: PodSpec) -> PodSpec {
        let defaulted = DefaultTolerationSeconds.apply(PodDefaults.apply(spec))
        return runtimeClasses.isEmpty ? defaulted : RuntimeClassAdmission.apply(defaulted, classes: runtimeClasses)
    }

    /// Adds a shape to those this state keeps alive.
    mutating func keep(_ shape: PodShape) -> PodShape {
        shapes.append(shape)
        return shape
    }

    /// The shape of a pod read from the cluster: shared by every pod of the same template
    /// (same namespace, labels, spec and priority). Specs decoded together share storage, so
    /// equal specs are found by identity.
    mutating func snapshotShape(_ p: Pod) -> PodShape {
        var spec = p.spec
        spec.nodeName = nil
        let (prio, preempt) = priority(of: spec)
        let key = ShapeKey(namespace: p.metadata.namespace ?? "default", labels: p.metadata.labelsOrEmpty,
                           spec: spec.storageIdentity, priority: prio, preempt: preempt)
        if let i = shapeLookup[key] { return shapes[i] }
        shapeLookup[key] = shapes.count
        return keep(PodShape(namespace: key.namespace, labels: key.labels, spec: spec, priority: prio, preemptLowerPriority: preempt))
    }

    mutating func addWorkload(_ o: KubeObject) {
        guard let w = makeWorkload(o) else { return }
        workloadIndex[w.ref] = workloads.count
        workloads.append(w)
        ownerPods.append([])
        dirty.insert(workloads.count - 1)
    }

    mutating func makeWorkload(_ o: KubeObject, reusing old: PodShape? = nil) -> SimWorkload? {
        let ref = o.ref
        let ns = ref.namespace ?? "default"
        var w: SimWorkload
        switch o {
        case .deployment(let d):
            w = SimWorkload(ref: ref, kind: .deployment, selector: d.spec.selector, replicas: d.replicas)
            w.maxSurge = d.maxSurge.scaled(total: d.replicas, roundUp: true) ?? 1
            w.maxUnavailable = d.maxUnavailable.scaled(total: d.replicas, roundUp: false) ?? 0
            // The deployment controller refuses both being zero; validation does too.
            if w.maxSurge == 0 && w.maxUnavailable == 0 { w.maxUnavailable = 1 }
            w.recreate = d.isRecreate
            w.progressDeadline = d.progressDeadline
            w.paused = d.spec.paused ?? false
        case .replicaSet(let rs):
            w = SimWorkload(ref: ref, kind: .replicaSet, selector: rs.spec.selector, replicas: rs.replicas)
        case .statefulSet(let s):
            w = SimWorkload(ref: ref, kind: .statefulSet, selector: s.spec.selector, replicas: s.replicas)
            w.orderedReady = (s.spec.podManagementPolicy ?? "OrderedReady") == "OrderedReady"
            w.onDelete = s.spec.updateStrategy?.isOnDelete ?? false
            w.partition = max(0, s.spec.updateStrategy?.rollingUpdate?.partition ?? 0)
            w.claimTemplates = s.spec.volumeClaimTemplates ?? []
        case .daemonSet(let d):
            w = SimWorkload(ref: ref, kind: .daemonSet, selector: d.spec.selector, replicas: 0)
            w.onDelete = d.spec.updateStrategy?.isOnDelete ?? false
            w.daemonUpdate = d.spec.updateStrategy?.rollingUpdate
        case .job(let j):
            w = SimWorkload(ref: ref, kind: .job, selector: nil, replicas: j.activePods)
            w.backoffLimit = j.backoffLimit
        case .pod(let p):
            w = SimWorkload(ref: ref, kind: p.isMirror ? .staticPod : .barePod, selector: nil, replicas: 1)
        default:
            return nil
        }
        // A workload asking for more pods than this is judged on this many: enough to fill any
        // node pool it could land on, and a bound on the work an absurd manifest can cause.
        w.replicas = min(max(w.replicas, 0), SimWorkload.maxSimulatedReplicas)
        if var t = o.podTemplate {
            if w.kind == .daemonSet { t.spec.tolerations = DaemonSetTolerations.add(to: t.spec) }
            let shape = makeShape(namespace: ns, template: t, reusing: old)
            w.template = shape
            if w.kind == .daemonSet, let rc = t.spec.runtimeClassName.flatMap({ runtimeClasses[$0] }),
               rc.nodeSelector != nil || rc.tolerations != nil {
                w.daemonNodes = PodShape(namespace: ns, labels: shape.labels, spec: PodDefaults.apply(t.spec), priority: shape.priority,
                                         preemptLowerPriority: shape.preemptLowerPriority)
            }
            if !(limitRanges[ns] ?? []).isEmpty { w.undefaultedFingerprint = PodFingerprint(admittedSpec(t.spec)) }
            w.annotations = (t.metadata?.annotationsOrEmpty ?? [:]).merging(o.metadata.annotationsOrEmpty) { a, _ in a }
        }
        return w
    }

    /// The workload a pod belongs to: through its ReplicaSet to a Deployment, directly to a
    /// StatefulSet, DaemonSet or Job, or a workload of its own for bare and static pods.
    func controller(of pod: Pod) -> Int? {
        let ns = pod.metadata.namespace ?? "default"
        if let c = pod.metadata.controllerRef {
            switch c.kind {
            case "ReplicaSet":
                let rsRef = ObjectRef(kind: "ReplicaSet", namespace: ns, name: c.name)
                if let i = workloadIndex[rsRef] { return i }
                if let d = replicaSetOwners[rsRef],
                   let i = workloadIndex[ObjectRef(kind: "Deployment", namespace: ns, name: d)] { return i }
                // No ReplicaSet in the dump: its name is the Deployment's plus a hash.
                if let dash = c.name.lastIndex(of: "-"),
                   let i = workloadIndex[ObjectRef(kind: "Deployment", namespace: ns, name: String(c.name[..<dash]))] { return i }
            case "StatefulSet", "DaemonSet", "Job":
                if let i = workloadIndex[ObjectRef(kind: c.kind, namespace: ns, name: c.name)] { return i }
            default: break
            }
        }
        return nil
    }

    /// The live pod of the cluster with this pod's name, found among its owner's pods.
    func podIndex(of pod: Pod) -> Int? {
        let ref = ObjectRef(kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.nameOrEmpty)
        guard let w = controller(of: pod) ?? workloadIndex[ref], w < ownerPods.count else { return nil }
        return ownerPods[w].first { !pods[$0].terminal && podNames[$0] == ref.name }
    }

    /// The workload a pod belongs to: its controller's (through its ReplicaSet for a
    /// Deployment), or one of its own for bare and static pods, made here.
    mutating func owner(of pod: Pod) -> Int {
        if let w = controller(of: pod) { return w }
        guard let w = makeWorkload(.pod(pod)) else { return -1 }
        let ref = w.ref
        workloadIndex[ref] = workloads.count
        workloads.append(w)
        ownerPods.append([])
        return workloads.count - 1
    }

    /// Adds a pod as the cluster reports it. Returns its index, or nil when it is not
    /// simulated (terminating, or bound to a node the cluster does not have).
    @discardableResult
    mutating func addSnapshotPod(_ p: Pod) -> Int? {
        if p.metadata.isTerminating { return nil }
        var node: Int? = p.spec.nodeName.flatMap { nodeIndex[$0] }
        // A pod bound to a node that is not in the snapshot cannot be charged anywhere.
        if p.spec.nodeName != nil && node == nil { return nil }
        let w = owner(of: p)
        let name = p.metadata.nameOrEmpty
        let shape = snapshotShape(p)
        // Pods of the current revision match the template as the API server would store it
        // (with LimitRange defaults, as the pods made from it carry them).
        let current = workloads[w].isCurrent(shape.fingerprint)
        let terminal = p.isTerminal
        // An object with no status is a manifest, not a report: the kubelet will run it.
        let noStatus = p.status == nil
        var (health, reason) = Self.health(fromStatus: p)
        if noStatus { (health, reason) = (workloads[w].newPodHealth, workloads[w].newPodReason) }
        if terminal { node = nil }
        let index = pods.count
        insert(SimPod(shape: shape, owner: w, revision: current ? 1 : 0, node: node,
                      health: terminal ? .notRunning : health, simulated: noStatus, terminal: terminal,
                      sequence: nextSequence))
        nextSequence += 1
        podNames[index] = name
        if let status = p.status { reported[w, default: []].append(Reported(pod: Int32(index), status: status)) }
        if let reason, !noStatus { healthReasons[index] = reason }
        if node == nil, !terminal, let why = p.status?.condition("PodScheduled")?.message { pendingReasons[index] = why }
        return index
    }

    static func health(fromStatus p: Pod) -> (PodHealth, String?) {
        if p.isTerminal { return (.notRunning, nil) }
        for s in p.status?.containerStatuses ?? [] {
            if let reason = s.state?.waiting?.reason, ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
                                                       "CreateContainerConfigError", "RunContainerError"].contains(reason) {
                let last = s.lastState?.terminated
                let detail = last.map { " (last exit: \($0.reason ?? "Error"), code \($0.exitCode ?? 0))" } ?? ""
                return (.crashLoop, "container \(s.name) is in \(reason) with \(s.restartCount ?? 0) restarts\(detail)")
            }
        }
        if p.phase == "Running" {
            return p.isReady ? (.ready, nil) : (.neverReady, "Running but not Ready")
        }
        // Pending and bound: the containers are being created.
        return (.ready, nil)
    }

    /// What makes two pods of the cluster share a shape.
    struct ShapeKey: Hashable {
        var namespace: String
        var labels: [String: String]
        var spec: ObjectIdentifier
        var priority: Int
        var preempt: Bool
    }

    /// The workload's template with its current evidence, re-assessed by the kubelet model.
    mutating func reassess(_ w: Int) {
        let a = Kubelet.assess(workloads[w], evidence: evidence(of: w))
        workloads[w].newPodHealth = a.health
        workloads[w].newPodReason = a.health == .ready ? nil : a.message
    }

    mutating func charge(_ pod: SimPod, to node: Int) {
        nodes[node].requested = nodes[node].requested + pod.shape.request
        nodes[node].nonZeroRequested = nodes[node].nonZeroRequested + pod.shape.scheduling.nonZeroRequest
        nodes[node].usedHostPorts.append(contentsOf: pod.shape.hostPorts)
    }

    mutating func uncharge(_ pod: SimPod, from node: Int) {
        nodes[node].requested = nodes[node].requested - pod.shape.request
        nodes[node].nonZeroRequested = nodes[node].nonZeroRequested - pod.shape.scheduling.nonZeroRequest
        for hp in pod.shape.hostPorts {
            if let i = nodes[node].usedHostPorts.firstIndex(of: hp) { nodes[node].usedHostPorts.remove(at: i) }
        }
    }

    /// What the live pods matching a quota charge against each of its resources, in one pass.
    /// A sum keeps the format of its first term, as `quota.Add` does, so it prints as the API
    /// server prints status.used.
    func usage(_ quota: QuotaState) -> [String: Quantity] {
        var total: [String: Quantity] = [:]
        for i in livePodIndices where pods[i].namespace == quota.namespace && quota.matches(pods[i].shape.spec) {
            let charged = QuotaState.usage(of: pods[i].shape.spec)
            for k in quota.hard.keys {
                guard let c = charged[k] else { continue }
                total[k] = total[k].map { $0 + c } ?? c
            }
        }
        return total
    }

    func unexplainedUsage(_ q: QuotaState) -> [String: Quantity] {
        var out: [String: Quantity] = [:]
        let computedUsage = usage(q)
        for (name, used) in q.quota.status?.used ?? [:] {
            let computed = computedUsage[name] ?? .zero
            if used > computed { out[name] = used - computed }
        }
        return out
    }
}
