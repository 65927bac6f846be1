/// The kubelet's restart back-off: 10 s doubling to 300 s, reset after 10 minutes of running
/// (`pkg/kubelet/kubelet.go`, `backOffPeriod`/`MaxContainerBackOff`).
public enum CrashLoopBackOff {
    public static let initial = 10
    public static let cap = 300

    /// Restarts in the first `horizon` seconds for a container killed `runSeconds` after each start.
    public static func restarts(runSeconds: Int, horizon: Int = 3600) -> Int {
        var t = 0
        var delay = initial
        var count = 0
        while true {
            t += max(runSeconds, 1)
            if t >= horizon { return count }
            count += 1
            t += delay
            // A container that ran for 10 minutes resets the back-off.
            delay = runSeconds >= 600 ? initial : min(delay * 2, cap)
        }
    }
}
