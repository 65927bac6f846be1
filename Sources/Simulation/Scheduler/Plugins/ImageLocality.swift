/// `pkg/scheduler/framework/plugins/imagelocality/image_locality.go`: nodes that already
/// hold the pod's images score higher, scaled by how widely each image is spread (so one node
/// holding a popular image does not attract every pod), between 23MB and 1000MB per container.
struct ImageLocality: ScorePlugin {
    let name = "ImageLocality"
    static let minThreshold: Int64 = 23 * 1024 * 1024
    static let maxContainerThreshold: Int64 = 1000 * 1024 * 1024

    /// How many nodes hold each of the pod's images (`ImageStateSummary.NumNodes`).
    func preScore(_ cycle: inout CycleState, feasible: [Int], _ s: SimState) {
        var holders: [String: Int] = [:]
        for image in cycle.shape.scheduling.images where holders[image] == nil {
            holders[image] = s.nodes.reduce(0) { $0 + ($1.images[image] != nil ? 1 : 0) }
        }
        // No node holds any of them: every node scores 0, with no look-up per node.
        cycle.imageHolders = holders.values.contains { $0 > 0 } ? holders : [:]
    }

    func score(_ cycle: CycleState, node: Int, _ s: SimState) -> Int64 {
        let images = cycle.shape.scheduling.images
        if images.isEmpty || s.nodes.isEmpty || cycle.imageHolders.isEmpty { return 0 }
        let total = Int64(s.nodes.count)
        var sum: Int64 = 0
        for image in images {
            guard let size = s.nodes[node].images[image] else { continue }
            sum += Int64(size) * Int64(cycle.imageHolders[image] ?? 1) / total
        }
        let maxThreshold = Self.maxContainerThreshold * Int64(images.count)
        let clamped = min(max(sum, Self.minThreshold), maxThreshold)
        return (clamped - Self.minThreshold) * 100 / (maxThreshold - Self.minThreshold)
    }

    /// Image names as the node reports them: `nginx` is `docker.io/library/nginx:latest`.
    static func normalized(_ image: String) -> String {
        var name = image
        if !name.contains("/") { name = "docker.io/library/" + name }
        else if let first = name.split(separator: "/").first, !first.contains(".") && !first.contains(":") && first != "localhost" {
            name = "docker.io/" + name
        }
        if !name.contains("@"), !(name.split(separator: "/").last?.contains(":") ?? false) { name += ":latest" }
        return name
    }
}
