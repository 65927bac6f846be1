import Hummingbird
import NIOCore
import NIOSSL

/// The request context of the webhook's routes: Hummingbird's, plus the channel the request
/// came on, to find the TLS connection (and its client certificate) under it.
public struct WebhookRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Caller authentication for /validate and /allow when `--client-ca` is set. The TLS layer
/// verifies a client certificate when one is offered (`optionalVerification` against the
/// client CA: one that does not chain fails the handshake); here a request without one is
/// refused. Without it anyone who can reach the port could send reviews, and every allowed
/// one is applied to the cluster model: one forged CREATE of a 1,000-replica Deployment
/// turned later dry-runs into denials.
enum CallerCheck {
    /// Nil when the connection carries a verified client certificate; else the 401 to send.
    static func refusal(_ channel: any Channel) async -> Response? {
        // HTTP/1.1 requests come on the connection itself; HTTP/2 streams are its children
        // (and an HTTP/1.1 connection's parent is the listening socket, with no TLS handler).
        var certificate = try? await channel.nioSSL_peerCertificate().get()
        if certificate == nil, let parent = channel.parent {
            certificate = try? await parent.nioSSL_peerCertificate().get()
        }
        guard certificate == nil else { return nil }
        var response = WebhookServer.problem(.unauthorized,
            "a client certificate signed by the webhook's client CA is required (kube-apiserver presents one through its AdmissionConfiguration kubeConfigFile)")
        response.headers[.wwwAuthenticate] = "Mutual-TLS"
        return response
    }
}
