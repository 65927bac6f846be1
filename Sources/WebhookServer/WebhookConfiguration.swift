import Foundation
import Admission

/// Everything `premortem serve` decides about the server.
public struct WebhookConfiguration: Sendable {
    public var host: String = "0.0.0.0"
    /// 0 picks a free port (tests); the bound port is reported through `onServerRunning`.
    public var port: Int = 8443
    public var certificatePath: String = "/etc/premortem/tls/tls.crt"
    public var privateKeyPath: String = "/etc/premortem/tls/tls.key"
    /// How often the certificate files are checked for a new version.
    public var certificateReloadInterval: Duration = .seconds(2)
    public var policy: Policy = Policy()
    /// kube-apiserver's `?timeout=` when it sends none.
    public var defaultTimeout: Duration = .seconds(10)
    /// Kept back from the apiserver's timeout for encoding and the trip home.
    public var timeoutMargin: Duration = .seconds(1)
    /// Analyses running at once; beyond this requests are allowed at once with a warning.
    /// Twice the cores: analyses are CPU-bound, and a little queueing in the analysis pool
    /// beats answering unchecked.
    public var maxConcurrent: Int = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var maxBodyBytes: Int = 7 * 1024 * 1024
    public var analysis: AnalysisOptions = AnalysisOptions()

    public init() {}
}
