import Foundation
import KubeModel
import Logging

/// Reads the whole cluster once (every kind the simulation reads), for `check`, `plan` and
/// `snapshot` against a live cluster.
public enum ClusterReader {
    public static func read(api: KubeAPI, secrets: Bool = false, logger: Logger,
                            progress: (APIResource, Int) -> Void = { _, _ in }) async throws(KubeClientError) -> [KubeObject] {
        var out: [KubeObject] = []
        let interner = Interner()
        for resource in APIResource.all(secrets: secrets) {
            let reflector = Reflector(resource: resource, api: api, logger: logger) { _ in }
            guard let version = try await reflector.discover() else { progress(resource, 0); continue }
            let (objects, _) = try await reflector.list(version: version, interner: interner)
            progress(resource, objects.count)
            out += objects
        }
        return out
    }
}
