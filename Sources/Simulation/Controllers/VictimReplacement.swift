import KubeModel

extension SimState {
    /// ReplicaSet, Deployment and Job controllers replace a pod as soon as it is marked for
    /// deletion, not when the kubelet has stopped it: `updatePod` in
    /// `pkg/controller/replicaset/replica_set.go` treats a new deletionTimestamp as a delete
    /// ("expect an rs to create more replicas asap"), and `IsPodActive` leaves terminating pods
    /// out of the count. So replacements queue in the order their victims were preempted.
    /// An owner that already created a replacement in this pass syncs again only once it has
    /// observed that creation (`SatisfiedExpectations` in `syncReplicaSet`), after the other
    /// owners marked at the same moment: its next replacement waits for the pass to end.
    /// Measured against the real v1.20 components (Tests/Differential, seed 1 #20): the
    /// replacements of e1-0, e3-1 and e1-2 appeared 0.1, 0.2 and 0.5 s after the first mark,
    /// in that order, though e1-2 was marked before e3-1.
    mutating func replaceVictims(_ victims: [Int]) {
        var owners: [Int] = []
        for v in victims {
            if let o = pods[v].owner, !owners.contains(o), Self.replacesAtMark(workloads[o].kind) { owners.append(o) }
        }
        for o in owners {
            if replacedInPass.insert(o).inserted {
                _ = reconcile(o)
            } else if !deferredReplacements.contains(o) {
                deferredReplacements.append(o)
            }
        }
    }

    /// The pass is over: owners that were waiting sync again, in the order they waited.
    mutating func replaceDeferredVictims() {
        let owners = deferredReplacements
        deferredReplacements = []
        replacedInPass = []
        for o in owners { _ = reconcile(o) }
    }

    /// StatefulSets re-create a pod under the same name only once the old one is gone, and
    /// DaemonSets keep one pod per node: both wait for the victim to go.
    static func replacesAtMark(_ kind: WorkloadKind) -> Bool {
        switch kind {
        case .replicaSet, .deployment, .job: true
        case .statefulSet, .daemonSet, .barePod, .staticPod: false
        }
    }
}
