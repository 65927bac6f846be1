import Foundation
import Synchronization

/// A bearer token, fixed or read from a file. A projected service-account token is rotated
/// by the kubelet (every hour or so): the file is read again when it changes, at most once
/// a second, and at once after the API server answers 401.
public final class TokenSource: Sendable {
    private let fixed: String?
    public let path: String?
    private struct Cached { var token: String; var modified: Date?; var checked: ContinuousClock.Instant }
    private let cache = Mutex<Cached?>(nil)

    public init(fixed: String) { self.fixed = fixed; path = nil }
    public init(file: String) { fixed = nil; path = file }

    public func token() -> String? {
        if let fixed { return fixed }
        guard let path else { return nil }
        let now = ContinuousClock.now
        return cache.withLock { cached -> String? in
            if let c = cached, now < c.checked + .seconds(1) { return c.token }
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let c = cached, c.modified == modified, modified != nil {
                cached?.checked = now
                return c.token
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return cached?.token }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            cached = Cached(token: token, modified: modified, checked: now)
            return token
        }
    }

    /// Forgets the cached token (after a 401), so the next request reads the file again.
    public func invalidate() { cache.withLock { $0 = nil } }
}
