/// Parses the Go duration strings kube-apiserver puts in `?timeout=` ("10s", "1m30s", "500ms").
public enum GoDuration {
    public static func parse(_ text: Substring) -> Duration? {
        var rest = text[...]
        guard !rest.isEmpty else { return nil }
        var total: Duration = .zero
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "h": scale = 3600
            case "m": scale = 60
            case "s": scale = 1
            case "ms": scale = 1e-3
            case "us", "µs": scale = 1e-6
            case "ns": scale = 1e-9
            default: return nil
            }
            total += .nanoseconds(Int64((value * scale * 1e9).rounded()))
        }
        return total
    }
}
