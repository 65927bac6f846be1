import KubeModel

/// Everything the controllers, scheduler and kubelet act on. A value: copying it is how the
/// planner branches.
public struct SimState: Sendable {
    public var nodes: [SimNode] = []
    public var nodeIndex: [String: Int] = [:]
    public var pods: [SimPod] = []
    public var workloads: [SimWorkload] = []
    public var workloadIndex: [ObjectRef: Int] = [:]
    public internal(set) var services: [Service] = []
    /// Which Services select a pod, by namespace and selector pair.
    var serviceIndex = ServiceIndex()
    public var pdbs: [PodDisruptionBudget] = []
    public var quotas: [QuotaState] = []
    public var limitRanges: [String: [LimitRange]] = [:]
    public var priorityClasses: [String: PriorityClass] = [:]
    public var runtimeClasses: [String: RuntimeClass] = [:]
    public var namespaceLabels: [String: [String: String]] = [:]
    /// The status of each workload's pods as the cluster reported them (by pod index: the
    /// name and spec are the pod's own), for the kubelet model's evidence.
    var reported: [Int: [Reported]] = [:]

    struct Reported: Sendable {
        var pod: Int32
        var status: PodStatus
    }
    /// Every shape a pod or template of this state points to (see `SimPod.shape`).
    public internal(set) var shapes: [PodShape] = []
    /// Shapes of snapshot pods by what makes them equal, so that the pods of one template
    /// share one shape.
    var shapeLookup: [ShapeKey: Int] = [:]
    /// How many shapes the state was built with, to tell when it has collected too many.
    var shapesAtBuild = 0
    /// Names of the pods read from the cluster (simulated pods are named as controllers would).
    var podNames = PodNames()
    /// The Deployment that owns each ReplicaSet, so that pods reach their Deployment.
    var replicaSetOwners: [ObjectRef: String] = [:]
    /// What happened while settling: rejections, preemptions, evictions.
    public var events: [SimEvent] = []
    /// Seconds of simulated time, advanced by the planner's events.
    public var clock: Int = 0
    var nextSequence = 0
    /// Where the scheduler's next search over nodes starts.
    var nextStartNode = 0
    /// Preemptors waiting for their victims to go, by the node they were nominated to
    /// (`status.nominatedNodeName`): their room is held against pods of lower priority.
    var nominated: [Int: Int] = [:]
    /// Victims told to go in this scheduling pass: still on their nodes until it ends, as
    /// they are in kube-scheduler's cache until the kubelet has stopped them.
    var terminatingVictims: [Int] = []
    /// Owners that replaced a victim in this pass, and owners whose next replacement waits for
    /// the pass to end (see `replaceVictims`).
    var replacedInPass: Set<Int> = []
    var deferredReplacements: [Int] = []

    // Indexes. Pods are never removed from `pods`: a deleted pod becomes terminal, so that
    // indices stay valid and these lists stay cheap to keep up to date.
    /// Pod indices of each workload, deleted ones included.
    public internal(set) var ownerPods: [[Int]] = []
    /// Live pods bound to each node.
    public internal(set) var nodePods: [[Int]] = []
    /// Pods waiting for the scheduler.
    var pending: Set<Int> = []
    /// Counts changes that can let a waiting pod fit (a node changed, a pod gone). A pending
    /// pod that failed at the current count would fail again: the scheduler, too, retries
    /// unschedulable pods on cluster events, not in a loop.
    var schedulingEpoch = 0
    /// Counts bindings. A binding only takes room, so it can let a waiting pod fit only
    /// through pod affinity or topology spread; kube-scheduler moves only pods whose affinity
    /// terms match the new pod on that event (`AssignedPodAdded`, `scheduling_queue.go`), the
    /// rest at its periodic flush. Retrying every pending pod after every binding made a lost
    /// zone, thousands of evicted pods, cost quadratic time.
    var bindEpoch = 0
    /// The counts at which each pending pod last failed to fit.
    var failedAt: [Int: Int] = [:]
    var failedAtBind: [Int: Int] = [:]
    /// Workloads whose pods changed since the controllers last looked at them.
    var dirty: Set<Int> = []
    /// Why a pod is not Ready or not running, where it is known.
    public internal(set) var healthReasons: [Int: String] = [:]
    /// Why a pending pod fits nowhere, as the scheduler words it.
    public internal(set) var pendingReasons: [Int: String] = [:]
    /// The same with the scheduler's reasons counted, for pods the simulation tried to place.
    public internal(set) var unschedulable: [Int: Unschedulable] = [:]
    /// How pods were placed, kept only when asked for (`premortem simulate`).
    public var recordPlacements = false
    public internal(set) var placements: [Int: Placement] = [:]
    /// Whether a placement so far was a close call between nodes.
    var placementsUncertain = false
    /// Pods with required anti-affinity (InterPodAffinity checks them against every pod it places).
    var antiAffinityPods: [Int] = []
    /// Pods with any pod affinity term (for scoring).
    var affinityPods: [Int] = []
    /// PersistentVolumeClaims, PersistentVolumes and StorageClasses, for the volume plugins.
    public internal(set) var claims: [ObjectRef: PersistentVolumeClaim] = [:]
    /// The ConfigMaps, Secrets and ServiceAccounts that exist, and which of those kinds the
    /// cluster reported at all (a snapshot without Secrets says nothing about them).
    public internal(set) var namedObjects: Set<ObjectRef> = []
    /// HorizontalPodAutoscalers, by their own reference.
    public internal(set) var autoscalers: [ObjectRef: HorizontalPodAutoscaler] = [:]
    public internal(set) var reportedKinds: Set<String> = []
    public internal(set) var volumes: [String: PersistentVolume] = [:]
    public internal(set) var storageClasses: [String: StorageClass] = [:]
    /// Pods by label, for selectors; nil until `indexLabels()`.
    var labels: LabelIndex?
    /// Workloads whose pods changed since `markSettled()`: what a change touched.
    public internal(set) var touched: Set<Int> = []

    /// The reported pods of workload `w`, as the kubelet model reads them.
    public func evidence(of w: Int) -> [PodEvidence] {
        (reported[w] ?? []).map { r in
            let i = Int(r.pod)
            return PodEvidence(name: name(of: i), spec: pods[i].shape.spec, status: r.status)
        }
    }

    public func workload(_ ref: ObjectRef) -> SimWorkload? { workloadIndex[ref].map { workloads[$0] } }

    /// Live pods of a workload.
    public func pods(of workload: Int) -> [SimPod] { livePods(of: workload).map { pods[$0] } }

    public func livePods(of w: Int) -> [Int] {
        guard w < ownerPods.count else { return [] }
        return ownerPods[w].filter { !pods[$0].terminal }
    }

    /// The pods a ReplicaSet, Deployment or Job controller counts: live and not being deleted
    /// (`IsPodActive`, `pkg/controller/controller_utils.go`).
    func activePods(of w: Int) -> [Int] {
        let live = livePods(of: w)
        return terminatingVictims.isEmpty ? live : live.filter { !terminatingVictims.contains($0) }
    }

    /// Pods waiting for the scheduler.
    public var pendingCount: Int { pending.count }

    /// A pod's name: its own for pods of the snapshot, else made as its controller would.
    public func name(of i: Int) -> String {
        let p = pods[i]
        if let n = podNames[i] { return n }
        let base = p.owner.map { workloads[$0].ref.name } ?? "pod"
        if let o = p.ordinal { return "\(base)-\(o)" }
        return "\(base)-sim\(p.sequence)"
    }

    public func healthReason(of i: Int) -> String? {
        healthReasons[i] ?? pods[i].owner.flatMap { workloads[$0].newPodReason }
    }

    /// Workloads with pods waiting for the scheduler.
    public var pendingOwners: [Int] { Set(pending.compactMap { pods[$0].owner }).sorted() }

    /// Live pods of every workload: what is running or waiting to run.
    public var livePodIndices: [Int] { pods.indices.filter { !pods[$0].terminal } }

    /// How many pod shapes the state keeps alive.
    public var shapesKept: Int { shapes.count }

    /// Whether deleted pods and shapes no pod uses any more outweigh the live ones: a state
    /// that has absorbed many changes (a long-running server) is then better rebuilt.
    public var needsCompaction: Bool {
        let live = livePodIndices.count
        return pods.count > 2 * live + 1_000 || shapes.count > 2 * shapesAtBuild + 1_000
    }

    /// Forgets what changed so far: the state is the baseline later changes are compared to.
    public mutating func markSettled() {
        touched = []
        events = []
        // Rebuild the index once enough pods were added after it that scanning them costs.
        if labels == nil || pods.count - (labels?.covered ?? 0) > 512 { indexLabels() }
    }
}

/// Something the simulation did that findings are made of.
public enum SimEvent: Sendable, Hashable {
    /// A controller could not create a pod: quota or LimitRange said no.
    case rejected(workload: Int, refusal: AdmissionRefusal)
    /// The scheduler preempted `victim` (a pod name in `namespace`) of `victimOwner` to place
    /// `preemptor` (a pod name) of `by`.
    case preempted(victim: String, namespace: String, victimOwner: Int?, node: String, by: Int?, preemptor: String)
    /// The pod was evicted from a failed or drained node.
    case evicted(pod: String, owner: Int?, node: String)
}

extension SimState {
    /// Adds a pod and indexes it.
    mutating func insert(_ pod: SimPod) {
        let i = pods.count
        pods.append(pod)
        if !pod.shape.scheduling.requiredAntiAffinity.isEmpty { antiAffinityPods.append(i) }
        if pod.shape.scheduling.hasPodAffinity { affinityPods.append(i) }
        if let o = pod.owner {
            while ownerPods.count <= o { ownerPods.append([]) }
            ownerPods[o].append(i)
            dirty.insert(o); touched.insert(o)
        }
        if pod.terminal { return }
        if let n = pod.node {
            nodePods[n].append(i)
            charge(pod, to: n)
        } else {
            pending.insert(i)
        }
    }

    mutating func bind(_ index: Int, to node: Int) {
        pods[index].node = node
        pendingReasons[index] = nil
        unschedulable[index] = nil
        failedAt[index] = nil
        failedAtBind[index] = nil
        nominated[index] = nil
        pending.remove(index)
        bindEpoch &+= 1
        nodePods[node].append(index)
        charge(pods[index], to: node)
        if let o = pods[index].owner { dirty.insert(o); touched.insert(o) }
    }

    /// Deletes a pod: it stops taking resources and serving, and its controller may replace it.
    mutating func remove(_ index: Int) {
        guard !pods[index].terminal else { return }
        if let n = pods[index].node {
            uncharge(pods[index], from: n)
            if let k = nodePods[n].firstIndex(of: index) { nodePods[n].remove(at: k) }
        }
        pods[index].terminal = true
        pods[index].node = nil
        pending.remove(index)
        failedAt[index] = nil
        failedAtBind[index] = nil
        nominated[index] = nil
        schedulingEpoch &+= 1
        if let o = pods[index].owner { dirty.insert(o); touched.insert(o) }
    }

    /// Takes a bound pod off its node (the API moved it); it waits for the scheduler again.
    mutating func unbind(_ index: Int) {
        guard let n = pods[index].node else { return }
        uncharge(pods[index], from: n)
        if let k = nodePods[n].firstIndex(of: index) { nodePods[n].remove(at: k) }
        pods[index].node = nil
        pending.insert(index)
        schedulingEpoch &+= 1
    }

    /// Whether the cluster reported claims, volumes or storage classes at all: a snapshot that
    /// holds none was taken without them, and its pods' claims are not judged missing.
    var tracksVolumes: Bool { !claims.isEmpty || !volumes.isEmpty || !storageClasses.isEmpty }

    /// `helper.DefaultSelector`: the labels every Service and controller that selects the pod
    /// asks for, together; nil when nothing selects it (system spreading then does nothing).
    func defaultSelector(for shape: PodShape, owner: Int?) -> LabelSelector? {
        var labels: [String: String] = [:]
        var expressions: [LabelSelectorRequirement] = []
        for k in serviceIndex.selecting(shape.labels, namespace: shape.namespace, in: services) {
            labels.merge(services[k].selector!) { a, _ in a }
        }
        if let owner, let sel = workloads[owner].selector, [.deployment, .replicaSet, .statefulSet].contains(workloads[owner].kind),
           sel.matches(shape.labels) {
            labels.merge(sel.matchLabels ?? [:]) { a, _ in a }
            expressions += sel.matchExpressions ?? []
        }
        if labels.isEmpty && expressions.isEmpty { return nil }
        return LabelSelector(matchLabels: labels, matchExpressions: expressions.isEmpty ? nil : expressions)
    }

    mutating func reindexServices() { serviceIndex = ServiceIndex(services) }

    /// Something changed that may let pending pods fit.
    mutating func capacityChanged() { schedulingEpoch &+= 1 }

    mutating func removeAll(_ indices: [Int]) {
        for i in indices { remove(i) }
    }

    /// Changes a pod's health, noting its workload as touched.
    mutating func setHealth(pod i: Int, _ h: PodHealth, reason: String? = nil) {
        pods[i].health = h
        healthReasons[i] = reason
        if let o = pods[i].owner { dirty.insert(o); touched.insert(o) }
    }
}
