// TEMPORARY stub for the server branch until the ClusterState work lands on main. Delete before finishing.
import Foundation
import KubeModel

public struct Snapshot: Sendable {
    public var objects: [KubeObject]
    public static func load(directory: URL) throws -> Snapshot { Snapshot(objects: []) }
}

public struct DemoProposal: Sendable {
    public let name: String
    public let expected: String
    public let summary: String
    public let object: KubeObject
    public let manifest: String
}

public enum DemoCluster {
    public static var objects: [KubeObject] { [] }
    public static let proposals: [DemoProposal] = []
}
