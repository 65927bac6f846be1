/// Names of the pods read from the cluster, by pod index. Those pods take the first indices
/// (and the ones a watch adds later come after them), so a list costs 16 bytes a pod where a
/// dictionary cost 40; simulated pods past the end have none and change nothing here, so a
/// planner state that only adds simulated pods never copies the list.
struct PodNames: Sendable {
    private var names: [String?] = []

    subscript(i: Int) -> String? {
        get { i < names.count ? names[i] : nil }
        set {
            if i >= names.count {
                if newValue == nil { return }
                names.append(contentsOf: repeatElement(nil, count: i - names.count + 1))
            }
            names[i] = newValue
        }
    }
}
