import Foundation
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// Serving certificate and key, read from files and re-read when they change, so a rotated
/// Kubernetes Secret (an atomic symlink swap in the mounted volume) takes effect without a
/// restart: new handshakes get the new pair, open connections keep theirs.
public final class CertificateReloader: ServiceLifecycle.Service, Sendable {
    public struct Identity: Sendable {
        public var chain: [NIOSSLCertificate]
        public var key: NIOSSLPrivateKey
        /// The file contents this identity came from, to notice any change.
        fileprivate var fingerprint: Data
    }

    public let certificatePath: String
    public let privateKeyPath: String
    private let interval: Duration
    private let logger: Logger
    private let current: Mutex<Identity>

    /// Reads both files now: a server without a certificate must not start.
    public init(certificatePath: String, privateKeyPath: String, interval: Duration, logger: Logger) throws {
        self.certificatePath = certificatePath; self.privateKeyPath = privateKeyPath
        self.interval = interval; self.logger = logger
        current = Mutex(try Self.read(certificatePath: certificatePath, privateKeyPath: privateKeyPath))
    }

    public var identity: Identity { current.withLock { $0 } }

    /// TLS 1.2 suites of Mozilla's "intermediate" profile: ECDHE key exchange with AEAD
    /// ciphers only, no static RSA, no CBC, no SHA-1 MACs. (TLS 1.3's suites are all AEAD and
    /// BoringSSL does not let them be configured; 1.3 is preferred whenever the peer has it.)
    public static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// TLS 1.2 or later, HTTP/2 and HTTP/1.1 by ALPN, identity looked up per handshake; the
    /// whole chain of the certificate file is served (leaf first, then intermediates).
    public func tlsConfiguration(clientCA: [NIOSSLCertificate] = []) -> TLSConfiguration {
        let id = identity
        var config = TLSConfiguration.makeServerConfiguration(
            certificateChain: id.chain.map { .certificate($0) }, privateKey: .privateKey(id.key))
        config.minimumTLSVersion = .tlsv12
        config.maximumTLSVersion = .tlsv13
        config.cipherSuites = Self.tls12CipherSuites
        if !clientCA.isEmpty {
            // Asked for, checked when given, not required: /validate enforces it (CallerCheck).
            config.certificateVerification = .optionalVerification
            config.trustRoots = .certificates(clientCA)
        }
        config.applicationProtocols = ["h2", "http/1.1"]
        config.sslContextCallback = { [weak self] _, promise in
            guard let self else { promise.succeed(.noChanges); return }
            let id = self.identity
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = id.chain.map { .certificate($0) }
            override.privateKey = .privateKey(id.key)
            promise.succeed(override)
        }
        return config
    }

    /// Re-reads the files if they changed. A half-written or mismatched pair is logged and
    /// ignored: the previous identity keeps serving until a good pair appears.
    @discardableResult
    public func reloadIfChanged() -> Bool {
        let fingerprint: Data
        do { fingerprint = try Self.fingerprint(certificatePath, privateKeyPath) } catch {
            logger.warning("cannot read certificate files", metadata: ["error": "\(error)"])
            return false
        }
        guard fingerprint != identity.fingerprint else { return false }
        do {
            let next = try Self.read(certificatePath: certificatePath, privateKeyPath: privateKeyPath)
            current.withLock { $0 = next }
            logger.info("serving certificate reloaded", metadata: ["cert": .string(certificatePath)])
            return true
        } catch {
            logger.warning("new certificate files are not usable yet; keeping the current ones", metadata: ["error": "\(error)"])
            return false
        }
    }

    public func run() async throws {
        // Polling rather than inotify: symlink swaps in Secret volumes are easy to miss with watches.
        let interval = self.interval
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                self.reloadIfChanged()
            }
        }
    }

    private static func fingerprint(_ cert: String, _ key: String) throws -> Data {
        func read(_ path: String) throws -> Data {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CertificateError("cannot read \(path): no such file, or not readable")
            }
            return data
        }
        return try read(cert) + read(key)
    }

    private static func read(certificatePath: String, privateKeyPath: String) throws -> Identity {
        let fingerprint = try Self.fingerprint(certificatePath, privateKeyPath)
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do { chain = try NIOSSLCertificate.fromPEMFile(certificatePath) } catch {
            throw CertificateError("\(certificatePath) holds no PEM certificate (\(error))")
        }
        guard !chain.isEmpty else { throw CertificateError("no certificate in \(certificatePath)") }
        do { key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem) } catch {
            throw CertificateError("\(privateKeyPath) holds no PEM private key (\(error))")
        }
        // A key that does not match the certificate would fail every handshake: BoringSSL
        // checks the pair when a context is built, so build one and refuse the pair here.
        do {
            _ = try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw CertificateError("\(privateKeyPath) does not match the certificate in \(certificatePath): \(error)")
        }
        return Identity(chain: chain, key: key, fingerprint: fingerprint)
    }
}

public struct CertificateError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
