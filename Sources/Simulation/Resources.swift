import Foundation
import KubeModel

/// A pod's or node's resources in the units kube-scheduler compares: CPU in millicores,
/// memory and ephemeral storage in bytes (rounded up), pods as a count, and extended
/// resources (`nvidia.com/gpu`) by name (`pkg/scheduler/framework/types.go`, `Resource`).
public struct Resources: Sendable, Hashable {
    public var milliCPU: Int64 = 0
    public var memory: Int64 = 0
    public var ephemeralStorage: Int64 = 0
    public var pods: Int64 = 0
    public var scalar: [String: Int64] = [:]

    public init(milliCPU: Int64 = 0, memory: Int64 = 0, pods: Int64 = 0) {
        self.milliCPU = milliCPU; self.memory = memory; self.pods = pods
    }

    public init(_ list: [String: Quantity]) {
        for (name, q) in list { add(name, q) }
    }

    /// The most any one quantity counts for: 2^44 (16Ti bytes, 17 billion cores). Anything
    /// larger fits nowhere anyway, and the cap keeps sums over a whole cluster from overflowing.
    public static let cap: Int64 = 1 << 44

    mutating func add(_ name: String, _ q: Quantity) {
        func capped(_ v: Int64) -> Int64 { min(max(v, -Self.cap), Self.cap) }
        switch name {
        case "cpu": milliCPU += capped(q.milliValue)
        case "memory": memory += capped(q.value)
        case "ephemeral-storage": ephemeralStorage += capped(q.value)
        case "pods": pods += capped(q.value)
        default:
            // hugepages and extended resources are whole units.
            if name.contains("/") || name.hasPrefix("hugepages-") { scalar[name, default: 0] += capped(q.value) }
        }
    }

    public static func + (a: Resources, b: Resources) -> Resources {
        var r = a
        r.milliCPU += b.milliCPU; r.memory += b.memory; r.ephemeralStorage += b.ephemeralStorage; r.pods += b.pods
        for (k, v) in b.scalar { r.scalar[k, default: 0] += v }
        return r
    }

    public static func - (a: Resources, b: Resources) -> Resources {
        var r = a
        r.milliCPU -= b.milliCPU; r.memory -= b.memory; r.ephemeralStorage -= b.ephemeralStorage; r.pods -= b.pods
        for (k, v) in b.scalar { r.scalar[k, default: 0] -= v }
        return r
    }

    /// Component-wise maximum, used for the init-container rule.
    public func maximum(_ o: Resources) -> Resources {
        var r = Resources()
        r.milliCPU = max(milliCPU, o.milliCPU); r.memory = max(memory, o.memory)
        r.ephemeralStorage = max(ephemeralStorage, o.ephemeralStorage); r.pods = max(pods, o.pods)
        for k in Set(scalar.keys).union(o.scalar.keys) { r.scalar[k] = max(scalar[k] ?? 0, o.scalar[k] ?? 0) }
        return r
    }

    /// The names of resources in `request` that do not fit in `self` (free), as
    /// kube-scheduler's NodeResourcesFit reports them ("Insufficient memory").
    public func shortfalls(for request: Resources) -> [String] {
        var out: [String] = []
        if request.milliCPU > 0 && request.milliCPU > milliCPU { out.append("cpu") }
        if request.memory > 0 && request.memory > memory { out.append("memory") }
        if request.ephemeralStorage > 0 && request.ephemeralStorage > ephemeralStorage { out.append("ephemeral-storage") }
        for (k, v) in request.scalar.sorted(by: { $0.key < $1.key }) where v > 0 && v > (scalar[k] ?? 0) { out.append(k) }
        return out
    }
}

/// Human-readable amounts for messages: `3.2Gi`, `1500m`.
public enum Amount {
    /// In the largest binary unit that makes it at least 1 (`32Ti`, not `32768Gi`). Amounts
    /// from `Resources` are capped per container (`Resources.cap`): at the cap the true value
    /// may be larger, and the message says so rather than print a number nobody asked for.
    public static func memory(_ bytes: Int64) -> String {
        if abs(bytes) >= Resources.cap { return "at least " + unitless(bytes) }
        return unitless(bytes)
    }

    private static func unitless(_ bytes: Int64) -> String {
        for (suffix, shift) in [("Ei", 60), ("Pi", 50), ("Ti", 40), ("Gi", 30), ("Mi", 20)] {
            let v = Double(bytes) / Double(Int64(1) << shift)
            if abs(v) >= 1 { return trim(v) + suffix }
        }
        return "\(bytes)"
    }

    public static func cpu(_ milli: Int64) -> String {
        milli % 1000 == 0 ? "\(milli / 1000)" : "\(milli)m"
    }

    public static func resource(_ name: String, _ v: Int64) -> String {
        switch name {
        case "cpu": cpu(v)
        case "memory", "ephemeral-storage": memory(v)
        default: "\(v)"
        }
    }

    private static func trim(_ d: Double) -> String {
        let r = (d * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
