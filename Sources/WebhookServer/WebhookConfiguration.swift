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
    /// Analyses running at once; more wait for a slot while their deadline allows
    /// (`AdmissionQueue`). Twice the cores: analyses are CPU-bound, so more slots only share
    /// the cores, and fewer leave one idle while another analysis waits on the state queue.
    public var maxConcurrent: Int = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// A connection with no request in progress (idle keep-alive, or a request head still
    /// not complete: slowloris) is closed after this. kube-apiserver reconnects at once.
    public var idleTimeout: Duration = .seconds(30)
    /// A TLS handshake not finished by then closes the connection.
    public var handshakeTimeout: Duration = .seconds(10)
    /// The whole body must arrive within this once the head has (slow-body clients).
    public var bodyTimeout: Duration = .seconds(10)
    /// Connections accepted at once; more wait in the listen backlog.
    public var maxConnections: Int = 512
    /// After SIGTERM: how long in-flight requests and HTTP/2 peers get (the GOAWAY/PING
    /// answer included) before every connection is closed and the process exits. Below
    /// Kubernetes' default 30 s grace period.
    public var shutdownTimeout: Duration = .seconds(15)
    /// When set, callers of /validate and /allow must present a client certificate signed by
    /// this CA (PEM): kube-apiserver's, configured with an AdmissionConfiguration
    /// `kubeConfigFile`. The TLS layer asks for a certificate but does not require one, so
    /// the kubelet's probes of /healthz and /readyz and Prometheus' /metrics scrape work
    /// without; a certificate that is presented must chain to the CA or the handshake fails.
    public var clientCAPath: String?
    public var maxBodyBytes: Int = 7 * 1024 * 1024
    public var analysis: AnalysisOptions = AnalysisOptions()

    public init() {}
}
